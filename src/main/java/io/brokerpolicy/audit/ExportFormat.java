package io.brokerpolicy.audit;

/** The formats of a verdict export. */
public enum ExportFormat {
    /** One line per verdict with the columns of {@link CsvVerdictLine#HEADER}. */
    CSV("text/csv; charset=UTF-8", "csv"),
    /** One JSON object per line: the whole stored record (verdict, snapshot, audit link). */
    NDJSON("application/x-ndjson", "ndjson");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
