package io.brokerpolicy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The warm-up at start runs the request path on the active policy, for every broker and account type, and
 * stores nothing: no verdict and nothing queued for the audit log.
 */
@QuarkusTest
class RequestPathWarmupTest {

    @Inject
    RequestPathWarmup warmup;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void roundsOfTheRequestPath_storeNothing() throws Exception {
        long verdictsBefore = count("select count(*) from verdict");
        long queuedBefore = count("select count(*) from audit_log_queue") + count("select count(*) from audit_log_leaf");

        int rounds = warmup.run(3, 60_000);

        assertThat(rounds).isEqualTo(3);
        assertThat(count("select count(*) from verdict")).isEqualTo(verdictsBefore);
        assertThat(count("select count(*) from audit_log_queue") + count("select count(*) from audit_log_leaf"))
                .isEqualTo(queuedBefore);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
