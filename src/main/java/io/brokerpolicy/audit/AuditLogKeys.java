package io.brokerpolicy.audit;

import io.brokerpolicy.audit.log.CheckpointFolder;
import io.brokerpolicy.audit.log.CheckpointSigner;
import io.brokerpolicy.audit.log.SigningKeyFile;
import io.brokerpolicy.config.AuditLogConfig;
import io.brokerpolicy.config.BrokerPolicyConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The two things of the audit log that live outside the database: the key that signs its checkpoints
 * (whoever rewrites the database cannot sign over the rewrite) and the folder where every leaf hash and
 * checkpoint is appended (whoever rewrites the database cannot take them back).
 */
@ApplicationScoped
public class AuditLogKeys {

    private static final Logger LOG = Logger.getLogger(AuditLogKeys.class);

    @Inject
    AuditLogConfig config;
    @Inject
    BrokerPolicyConfig service;

    private CheckpointSigner signer;
    private CheckpointFolder folder;

    AuditLogKeys() {
        // for the container, which calls open()
    }

    /** Keys and folder given, outside the container (tools such as the append benchmark). */
    public static AuditLogKeys of(CheckpointSigner signer, CheckpointFolder folder) {
        AuditLogKeys keys = new AuditLogKeys();
        keys.signer = signer;
        keys.folder = folder;
        return keys;
    }

    @PostConstruct
    void open() {
        Path keyFile = config.signingKeyFile().orElse(service.dataDir().resolve("audit-signing-key.pem"));
        SigningKeyFile.Loaded key = SigningKeyFile.loadOrCreate(keyFile);
        signer = new CheckpointSigner(config.origin(), key.keys());
        if (key.created()) {
            LOG.infof("created the audit log's checkpoint signing key %s (mode 0600); its public key, for verifiers: %s",
                    keyFile.toAbsolutePath(), signer.publicKeyBase64());
        }
        key.permissionWarning().ifPresent(LOG::warn);
        Path folderPath = config.checkpointDir().orElse(service.dataDir().resolve("checkpoints"));
        folder = CheckpointFolder.open(folderPath);
        LOG.infof("audit log %s: key id %s, checkpoints appended to %s", signer.origin(), signer.keyIdHex(),
                folderPath.toAbsolutePath());
    }

    @PreDestroy
    void close() {
        if (folder != null) {
            folder.close();
        }
    }

    public CheckpointSigner signer() {
        return signer;
    }

    public CheckpointFolder folder() {
        return folder;
    }
}
