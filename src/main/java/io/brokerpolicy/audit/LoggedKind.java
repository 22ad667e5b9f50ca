package io.brokerpolicy.audit;

/**
 * The kinds of record the audit log holds, each a table: its name in the log, the column that numbers its
 * rows, and the columns a leaf is made of.
 */
public enum LoggedKind {

    VERDICT("verdict", "chain_seq", VerdictRows.COLUMNS),
    POLICY_EVENT("policy_event", "chain_seq", "chain_seq, version, action, actor, at, detail, prev_hash, row_hash"),
    POLICY_FILE("policy_file", "id", "id, version, path, content"),
    AUDIT_READ("audit_read", "id", "id, at, actor, action, target, detail"),
    AUDIT_ACCESS("audit_access", "id", "id, at, actor, method, path, query, status"),
    SEAL("audit_log_seal", "id", "id, at, record");

    private final String table;
    private final String key;
    private final String columns;

    LoggedKind(String table, String key, String columns) {
        this.table = table;
        this.key = key;
        this.columns = columns;
    }

    /** The table, which is also the kind's name in audit_log_leaf and audit_log_queue. */
    public String table() {
        return table;
    }

    public String key() {
        return key;
    }

    String selectByKeys() {
        return "select " + columns + " from " + table + " where " + key + " = any(?)";
    }

    public static LoggedKind of(String table) {
        for (LoggedKind kind : values()) {
            if (kind.table.equals(table)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no audit table is called " + table);
    }
}
