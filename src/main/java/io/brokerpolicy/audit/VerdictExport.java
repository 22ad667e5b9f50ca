package io.brokerpolicy.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import javax.sql.DataSource;

/**
 * Writes every verdict evaluated in [from, to) to a stream, oldest first (evaluatedAt, then chain
 * position), reading through a server-side cursor: memory holds one fetch-size batch of rows and the
 * writer's buffer, however long the range. The rows are those of one repeatable-read snapshot.
 */
@ApplicationScoped
public class VerdictExport {

    static final int FETCH_SIZE = 500;
    private static final String SQL = "select " + VerdictRows.COLUMNS
            + " from verdict where evaluated_at >= ? and evaluated_at < ? order by evaluated_at, chain_seq";

    @Inject
    DataSource dataSource;
    @Inject
    AccountIdMasker masker;

    /** Writes the range; answers how many verdicts were written. */
    public long write(Instant from, Instant to, ExportFormat format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try (Connection connection = dataSource.getConnection()) {
            long written = ReadOnlySnapshot.run(connection, () -> {
                try {
                    return writeRows(connection, from, to, format, writer, masker);
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

    private static long writeRows(Connection connection, Instant from, Instant to, ExportFormat format, Writer writer,
                                  AccountIdMasker masker) throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            if (format == ExportFormat.CSV) {
                writer.write(CsvVerdictLine.HEADER);
            }
            long count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    VerdictRecord row = VerdictRows.read(rows);
                    if (format == ExportFormat.CSV) {
                        VerdictRecord shown = row.withAccountId(masker.mask(row.accountId()));
                        writer.write(CsvVerdictLine.of(shown, Json.MAPPER.readTree(row.verdict())));
                    } else {
                        writer.write(Json.MAPPER.writeValueAsString(masked(VerdictRecords.fullRecord(row), masker)));
                        writer.write('\n');
                    }
                    count++;
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
