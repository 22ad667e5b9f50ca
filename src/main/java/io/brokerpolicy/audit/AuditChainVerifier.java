package io.brokerpolicy.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Walks the hash chain that recorded verdicts and policy events before the Merkle log (merged in chain_seq
 * order; rows written since carry no link) and checks every link. It runs once, when the chain is taken
 * into the log ({@code LegacyChainSeal}); the log's own verification covers the rows themselves from then on.
 * It holds one fetch-size batch of rows per table in memory whatever the length of the chain.
 * For each link, in this order:
 * <ol>
 *   <li>its chain_seq is used once (a forged row given the number of an existing one is caught here);</li>
 *   <li>it is the next number (a gap is a deleted row);</li>
 *   <li>it is not beyond the chain head (a row added without going through the chain);</li>
 *   <li>its prev_hash is the previous link's row_hash (a row removed or put in between);</li>
 *   <li>its content still hashes to its row_hash (an edited row).</li>
 * </ol>
 * Finally the last link must be the chain head (rows missing at the end). The walk reads one
 * repeatable-read snapshot, so appends that happen meanwhile neither break nor extend it.
 */
@ApplicationScoped
public class AuditChainVerifier {

    static final String GENESIS = "sha256:genesis";

    @Inject
    DataSource dataSource;

    public ChainVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            return ReadOnlySnapshot.run(connection, () -> walk(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("the audit chain could not be read: " + e.getMessage(), e);
        }
    }

    private static ChainVerification walk(Connection connection) throws SQLException {
        Head head = head(connection);
        long checked = 0;
        long expectedSeq = 1;
        String previousHash = GENESIS;
        try (ChainCursor verdicts = ChainCursor.verdicts(connection);
             ChainCursor events = ChainCursor.policyEvents(connection)) {
            while (verdicts.peek() != null || events.peek() != null) {
                ChainLink v = verdicts.peek();
                ChainLink e = events.peek();
                if (v != null && e != null && v.chainSeq() == e.chainSeq()) {
                    return ChainVerification.broken(checked, at(v, "chain_seq " + v.chainSeq()
                            + " is used twice, by this verdict and by policy_event " + e.id()
                            + ": one of them was put into the chain afterwards"));
                }
                ChainLink link = e == null || (v != null && v.chainSeq() < e.chainSeq()) ? verdicts.take() : events.take();
                String problem = problem(link, expectedSeq, previousHash, head);
                if (problem != null) {
                    return ChainVerification.broken(checked, at(link, problem));
                }
                checked++;
                expectedSeq++;
                previousHash = link.storedHash();
            }
        }
        if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(previousHash)) {
            return ChainVerification.broken(checked, new ChainVerification.BrokenLink(expectedSeq, "audit_chain_head",
                    "1", "the chain ends at chain_seq " + (expectedSeq - 1) + " but its head records chain_seq "
                    + head.lastSeq() + " (" + head.lastHash() + "): the last links are missing"));
        }
        return ChainVerification.sound(checked);
    }

    private static String problem(ChainLink link, long expectedSeq, String previousHash, Head head) {
        if (link.chainSeq() != expectedSeq) {
            return expectedSeq == link.chainSeq() - 1
                    ? "chain_seq " + expectedSeq + " is missing: the link before this one was deleted"
                    : "chain_seq " + expectedSeq + " to " + (link.chainSeq() - 1) + " are missing: links were deleted";
        }
        if (link.chainSeq() > head.lastSeq()) {
            return "this row lies beyond the chain head (chain_seq " + head.lastSeq()
                    + "): it was not appended through the chain";
        }
        if (!link.prevHash().equals(previousHash)) {
            return "prev_hash " + link.prevHash() + " is not the row_hash of the link before (" + previousHash
                    + "): a link was removed or put in between";
        }
        if (!link.recomputedHash().equals(link.storedHash())) {
            return "the row's content hashes to " + link.recomputedHash() + ", not to its row_hash "
                    + link.storedHash() + ": the row was changed after it was written";
        }
        return null;
    }

    private static ChainVerification.BrokenLink at(ChainLink link, String reason) {
        return new ChainVerification.BrokenLink(link.chainSeq(), link.table(), link.id(), reason);
    }

    private record Head(long lastSeq, String lastHash) {
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select last_seq, last_hash from audit_chain_head where id = 1");
             ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return new Head(0, GENESIS);
            }
            return new Head(row.getLong(1), row.getString(2));
        }
    }
}
