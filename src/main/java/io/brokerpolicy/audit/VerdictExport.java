package io.brokerpolicy.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.intake.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes every verdict evaluated in [from, to) to a stream, oldest first (evaluatedAt, then number),
 * reading through a server-side cursor: memory holds one fetch-size batch of rows and the writer's
 * buffer, however long the range. The rows are those of one repeatable-read snapshot. Each verdict names
 * its leaf in the audit log; with proofs, each NDJSON line also carries its inclusion proof against the
 * newest checkpoint (the proof's {@code record} is the exact record, so it is never masked).
 */
@ApplicationScoped
public class VerdictExport {

    static final int FETCH_SIZE = 500;
    private static final String SQL = "select " + VerdictRows.COLUMNS + ", leaf_index, leaf_hash from verdict"
            + " left join audit_log_leaf on kind = 'verdict' and source_id = chain_seq"
            + " where evaluated_at >= ? and evaluated_at < ? order by evaluated_at, chain_seq";

    @Inject
    DataSource dataSource;
    @Inject
    AccountIdMasker masker;

    /** Writes the range; answers how many verdicts were written. */
    public long write(Instant from, Instant to, ExportFormat format, OutputStream out) throws IOException {
        return write(from, to, format, false, out);
    }

    /** Writes the range, with an inclusion proof on each NDJSON line when asked; answers how many verdicts were written. */
    public long write(Instant from, Instant to, ExportFormat format, boolean withProofs, OutputStream out)
            throws IOException {
        if (withProofs && (format != ExportFormat.NDJSON || masker.enabled())) {
            throw new IllegalArgumentException("proofs come with format=ndjson and unmasked account ids");
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try (Connection connection = dataSource.getConnection()) {
            long written = ReadOnlySnapshot.run(connection, () -> {
                try {
                    return writeRows(connection, from, to, format, withProofs, writer, masker);
                } catch (IOException e) {
                    throw new ClientGone(e);
                }
            });
            writer.flush();
            return written;
        } catch (ClientGone e) {
            throw e.io;
        } catch (SQLException e) {
            throw new IOException("the export stopped: the database could not be read: " + e.getMessage(), e);
        }
    }

    private static long writeRows(Connection connection, Instant from, Instant to, ExportFormat format,
                                  boolean withProofs, Writer writer, AccountIdMasker masker) throws SQLException, IOException {
        CheckpointEntry checkpoint = withProofs ? CheckpointRows.latest(connection).orElse(null) : null;
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            if (format == ExportFormat.CSV) {
                writer.write(CsvVerdictLine.HEADER);
            }
            long count = 0;
            List<VerdictRecord> rows = new ArrayList<>(FETCH_SIZE);
            List<LogPosition> positions = new ArrayList<>(FETCH_SIZE);
            try (ResultSet result = statement.executeQuery()) {
                boolean more = true;
                while (more) {
                    rows.clear();
                    positions.clear();
                    while (rows.size() < FETCH_SIZE && (more = result.next())) {
                        rows.add(VerdictRows.read(result));
                        long leafIndex = result.getLong("leaf_index");
                        positions.add(result.wasNull() ? null : new LogPosition(leafIndex, result.getBytes("leaf_hash")));
                    }
                    List<AuditProofs.InclusionProof> proofs = checkpoint == null ? null
                            : AuditProofs.inclusions(connection, rows, positions, checkpoint);
                    for (int i = 0; i < rows.size(); i++) {
                        VerdictRecord row = rows.get(i);
                        if (format == ExportFormat.CSV) {
                            VerdictRecord shown = row.withAccountId(masker.mask(row.accountId()));
                            writer.write(CsvVerdictLine.of(shown, Json.MAPPER.readTree(row.verdict()), positions.get(i)));
                        } else {
                            ObjectNode line = masked(VerdictRecords.fullRecord(row, positions.get(i)), masker);
                            if (proofs != null && proofs.get(i) != null) {
                                line.set("proof", Json.MAPPER.valueToTree(proofs.get(i)));
                            }
                            writer.write(Json.MAPPER.writeValueAsString(line));
                            writer.write('\n');
                        }
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The account id wherever a record names it: the verdict and its input snapshot. */
    private static ObjectNode masked(ObjectNode record, AccountIdMasker masker) {
        if (masker.enabled()) {
            String accountId = record.path("accountId").asText(null);
            String mask = masker.mask(accountId);
            record.put("accountId", mask);
            if (accountId != null && record.hasNonNull("explanation")) {
                record.put("explanation", record.get("explanation").asText().replace(accountId, mask));
            }
            if (record.get("snapshot") instanceof ObjectNode snapshot) {
                snapshot.put("accountId", masker.mask(snapshot.path("accountId").asText(null)));
            }
        }
        return record;
    }

    /** Carries a write failure (the client went away) out through the SQL-only callback. */
    private static final class ClientGone extends SQLException {
        private final IOException io;

        ClientGone(IOException io) {
            super(io);
            this.io = io;
        }
    }
}
