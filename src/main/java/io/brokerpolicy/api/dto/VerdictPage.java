package io.brokerpolicy.api.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a verdict search, newest first. */
@Schema(name = "VerdictPage")
public class VerdictPage {

    @Schema(required = true)
    public List<Verdict> items;
    @Schema(required = true)
    public int page;
    @Schema(required = true)
    public int size;
    @Schema(required = true, description = "Verdicts matching the search, on every page")
    public long total;
}
