package io.brokerpolicy.api;

import java.util.Locale;

/**
 * Which of JSON and NDJSON an {@code Accept} header prefers. Clients generated from the OpenAPI document send every
 * type an operation may answer ({@code application/json, application/x-ndjson}); the first listed wins a tie, and
 * quality values ({@code ;q=0.5}) rank them otherwise.
 */
final class AcceptHeader {

    private AcceptHeader() {
    }

    static boolean prefersNdjson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double ndjson = -1;
        double json = -1;
        int ndjsonAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        String[] ranges = accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals(EvaluationResource.NDJSON) && quality > ndjson) {
                ndjson = quality;
                ndjsonAt = Math.min(ndjsonAt, i);
            } else if ((type.equals("application/json") || type.equals("application/*") || type.equals("*/*"))
                    && quality > json) {
                json = quality;
                jsonAt = Math.min(jsonAt, i);
            }
        }
        return ndjson > 0 && (ndjson > json || (ndjson == json && ndjsonAt < jsonAt));
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
