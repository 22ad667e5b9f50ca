package io.brokerpolicy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The audit log's keys (docs/compliance.md, "Proofs"): who signs its checkpoints, where they go, how often. */
@ConfigMapping(prefix = "brokerpolicy.audit")
public interface AuditLogConfig {

    /**
     * The log's name in every checkpoint and the key name of its signature: a schema-less URL that is this
     * log's alone, such as {@code audit.broker.example/brokerpolicy}. Never change it once checkpoints exist.
     */
    @WithDefault("brokerpolicy/audit-log")
    String origin();

    /** The Ed25519 private key (PEM PKCS#8) that signs checkpoints; created 0600 when missing. Default data-dir/audit-signing-key.pem. */
    @WithName("signing-key-file")
    Optional<Path> signingKeyFile();

    /** Where checkpoints and leaf hashes are appended outside the database. Default data-dir/checkpoints. */
    @WithName("checkpoint-dir")
    Optional<Path> checkpointDir();

    /** A checkpoint is signed this often while the log grows (and on demand). */
    @WithName("checkpoint-interval")
    @WithDefault("5S")
    Duration checkpointInterval();

    /** How often the sequencer looks for new records to take into the tree. */
    @WithName("sequence-interval")
    @WithDefault("100MS")
    Duration sequenceInterval();

    /** Records taken into the tree in one transaction of the sequencer. */
    @WithName("sequence-batch-size")
    @WithDefault("5000")
    int sequenceBatchSize();

    /** Each new checkpoint is POSTed here as JSON: a second organisation's witness, or a WORM bucket's gateway. */
    @WithName("witness-url")
    Optional<URI> witnessUrl();

    /** The Authorization header sent to the witness, if it needs one (e.g. {@code Bearer …}). */
    @WithName("witness-authorization")
    Optional<String> witnessAuthorization();
}
