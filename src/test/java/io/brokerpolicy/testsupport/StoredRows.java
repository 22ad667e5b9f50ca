package io.brokerpolicy.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the database holds, read directly: the tests' check that nothing more and nothing less was stored. */
public final class StoredRows {

    private StoredRows() {
    }

    /** How many verdict rows a snapshotId has: 1 once evaluated, 0 when refused, never 2. */
    public static long verdictsOf(DataSource dataSource, String snapshotId) {
        return count(dataSource, "select count(*) from verdict where snapshot_id = ?", snapshotId);
    }

    /** A {@code select count(*) …} with one text parameter. */
    public static long count(DataSource dataSource, String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
