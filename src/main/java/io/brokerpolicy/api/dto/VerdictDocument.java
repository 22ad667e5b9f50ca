package io.brokerpolicy.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A verdict as stored in the audit record: the verdict plus the version of its document's schema. */
@Schema(name = "VerdictDocument", description = "A verdict as stored: the verdict and its document's schema version"
        + " (absent in documents of schema 1)")
public class VerdictDocument extends Verdict {

    public Integer schemaVersion;
}
