package io.brokerpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One verdict as a CSV line (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled). Values are written exactly as stored, never altered; a
 * spreadsheet user should import the file as text rather than open it, so no value is read as a formula.
 */
final class CsvVerdictLine {

    static final String HEADER = String.join(",", "verdictId", "evaluatedAt", "snapshotId", "accountId", "brokerId",
            "accountType", "status", "marginLevel", "equity", "usedMargin", "policyVersion", "policyHash", "policyFile",
            "closeOutCount", "violations", "chainSeq", "leafIndex", "leafHash") + "\r\n";

    private CsvVerdictLine() {
    }

    static String of(VerdictRecord row, JsonNode verdict, LogPosition position) {
        List<String> fields = List.of(row.verdictId().toString(), row.evaluatedAt().toString(), row.snapshotId(),
                row.accountId(), row.brokerId(), row.accountType(), row.status(), number(verdict, "marginLevel"),
                number(verdict, "equity"), number(verdict, "usedMargin"), Long.toString(row.policyVersion()),
                row.policyHash(), text(verdict.path("policy"), "file"),
                Integer.toString(verdict.path("closeOuts").size()), violations(verdict), Long.toString(row.chainSeq()),
                position == null ? "" : Long.toString(position.leafIndex()),
                position == null ? "" : position.leafHashBase64());
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escape(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** Violation codes with the position they concern, separated by semicolons: LEVERAGE_CAP_EXCEEDED:p1;... */
    private static String violations(JsonNode verdict) {
        List<String> codes = new ArrayList<>();
        for (JsonNode v : verdict.path("violations")) {
            String position = text(v, "positionId");
            codes.add(text(v, "code") + (position.isEmpty() ? "" : ":" + position));
        }
        return String.join(";", codes);
    }

    private static String number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.decimalValue().toPlainString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    static String escape(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
