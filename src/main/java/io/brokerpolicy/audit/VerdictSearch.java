package io.brokerpolicy.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds stored verdicts for compliance, newest first, one page at a time. The page and the total are
 * read in one repeatable-read transaction, so they agree even while verdicts are being appended.
 */
@ApplicationScoped
public class VerdictSearch {

    @Inject
    DataSource dataSource;

    /** One page of verdicts, each the exact stored JSON text, and how many match in all. */
    public record Page(List<String> verdictJson, long total) {
    }

    public Page find(VerdictCriteria criteria) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadOnlySnapshot.run(connection, () -> {
                long total = count(connection, criteria);
                List<String> items = new ArrayList<>(criteria.size());
                if (total > (long) criteria.page() * criteria.size()) {
                    try (PreparedStatement page = prepare(connection, criteria.pageSql("verdict"), criteria);
                         ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            items.add(rows.getString(1));
                        }
                    }
                }
                return new Page(items, total);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the verdict search failed: " + e.getMessage(), e);
        }
    }

    private static long count(Connection connection, VerdictCriteria criteria) throws SQLException {
        try (PreparedStatement count = prepare(connection, criteria.countSql("verdict"), criteria);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, VerdictCriteria criteria) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        List<Object> parameters = criteria.where().parameters();
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
