package io.brokerpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The search's queries against 200,000 verdicts: a temporary copy of the verdict table with its
 * indexes, filled with generated rows (2,000 accounts, 5 brokers, 3% stop-outs, 60 days). Every page
 * query must be answered through an index, never by reading the whole table; the plans and their
 * timings are logged for the record.
 */
@QuarkusTest
class SearchIndexPlanTest {

    private static final Logger LOG = Logger.getLogger(SearchIndexPlanTest.class);
    private static final int ROWS = 200_000;
    private static final Instant END = Instant.parse("2026-11-21T00:00:00Z");

    @Inject
    DataSource dataSource;

    @Test
    void everySearchShape_readsThroughAnIndex() throws SQLException {
        Map<String, VerdictCriteria> shapes = new LinkedHashMap<>();
        shapes.put("newest first, no filter", criteria(null, null, null, null, null, null));
        shapes.put("one account", criteria("A-1042", null, null, null, null, null));
        shapes.put("one broker", criteria(null, "broker-3", null, null, null, null));
        shapes.put("stop-outs", criteria(null, null, "STOP_OUT", null, null, null));
        shapes.put("one policy version", criteria(null, null, null, null, null, 7L));
        shapes.put("one day", criteria(null, null, null, END.minus(10, ChronoUnit.DAYS), END.minus(9, ChronoUnit.DAYS), null));
        shapes.put("broker's stop-outs", criteria(null, "broker-3", "STOP_OUT", null, null, null));
        shapes.put("account's stop-outs in a month", criteria("A-1042", null, "STOP_OUT",
                END.minus(30, ChronoUnit.DAYS), END, null));
        try (Connection c = dataSource.getConnection()) {
            generate(c);
            for (Map.Entry<String, VerdictCriteria> shape : shapes.entrySet()) {
                String pagePlan = plan(c, shape.getValue().pageSql("verdict_plan"), shape.getValue());
                String countPlan = plan(c, shape.getValue().countSql("verdict_plan"), shape.getValue());
                LOG.infof("search shape '%s':%n-- page:%n%s-- count:%n%s", shape.getKey(), pagePlan, countPlan);
                assertThat(pagePlan).as(shape.getKey()).doesNotContain("Seq Scan").contains("verdict_plan_");
                assertThat(countPlan).as(shape.getKey()).doesNotContain("Seq Scan");
            }
            String brokersStopOuts = plan(c, shapes.get("broker's stop-outs").countSql("verdict_plan"),
                    shapes.get("broker's stop-outs"));
            assertThat(brokersStopOuts).contains("Index Only Scan using verdict_plan_broker_id_status_evaluated_at");
            try (Statement s = c.createStatement()) {
                s.execute("drop table verdict_plan");
            }
        }
    }

    private static VerdictCriteria criteria(String account, String broker, String status, Instant from, Instant to,
                                            Long version) {
        return new VerdictCriteria(account, broker, status, from, to, version, 0, 50);
    }

    /** A session-private copy of the verdict table, its indexes included, and 200,000 plausible rows. */
    private static void generate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temp table verdict_plan (like verdict including indexes)");
            s.execute("insert into verdict_plan select i, gen_random_uuid(), 'plan-' || i, 'sha256:x',"
                    + " 'A-' || (i % 2000), 'broker-' || ((i / 7) % 5), 'standard',"
                    + " case when i % 100 < 3 then 'STOP_OUT' when i % 100 < 10 then 'MARGIN_CALL' else 'HEALTHY' end,"
                    + " 1 + (i % 10), 'sha256:p', ts, ts, '{}', '{}', 'sha256:prev', 'sha256:row'"
                    + " from (select i, timestamptz '" + END + "' - (i * interval '25.92 seconds') as ts"
                    + " from generate_series(1, " + ROWS + ") as i) g");
            // Temporary tables are not seen by autovacuum: statistics and the visibility map by hand.
            s.execute("vacuum analyze verdict_plan");
        }
    }

    private static String plan(Connection c, String sql, VerdictCriteria criteria) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement explain = VerdictSearch.prepare(c, "explain (analyze, buffers off) " + sql, criteria);
             ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
