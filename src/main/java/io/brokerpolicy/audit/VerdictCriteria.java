package io.brokerpolicy.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compliance search asks for: every filter optional, combined with AND. {@code from} (inclusive)
 * and {@code to} (exclusive) bound {@code evaluated_at}, the moment the service decided, not the
 * snapshot's asOf. Builds the SQL with positional parameters; values never enter the SQL text.
 */
public record VerdictCriteria(String accountId, String brokerId, String status, Instant from, Instant to,
                              Long policyVersion, int page, int size) {

    /** The WHERE clause (empty when nothing filters) and its parameters, in order. */
    public record Where(String sql, List<Object> parameters) {
    }

    public Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, "account_id = ?", accountId);
        add(conditions, parameters, "broker_id = ?", brokerId);
        add(conditions, parameters, "status = ?", status);
        add(conditions, parameters, "evaluated_at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(conditions, parameters, "evaluated_at < ?", to == null ? null : java.sql.Timestamp.from(to));
        add(conditions, parameters, "policy_version = ?", policyVersion);
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), parameters);
    }

    /** One page, newest first; chain_seq breaks ties between verdicts of the same microsecond. */
    public String pageSql(String table) {
        return "select verdict from " + table + where().sql()
                + " order by evaluated_at desc, chain_seq desc limit " + size + " offset " + (long) page * size;
    }

    public String countSql(String table) {
        return "select count(*) from " + table + where().sql();
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }
}
