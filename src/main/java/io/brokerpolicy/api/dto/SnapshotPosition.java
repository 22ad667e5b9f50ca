package io.brokerpolicy.api.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One open position of a {@link Snapshot}. */
@Schema(name = "Position", description = "One open position. Decimals are strings (JSON numbers are accepted too).")
public class SnapshotPosition {

    @Schema(required = true, pattern = Snapshot.ID, examples = "p1")
    public String positionId;
    @Schema(required = true, pattern = Snapshot.ID, examples = "EURUSD")
    public String symbol;
    @Schema(required = true, enumeration = {"FX_MAJOR", "FX_MINOR", "GOLD", "INDEX_MAJOR", "INDEX_MINOR", "COMMODITY",
        "EQUITY", "CRYPTO"})
    public String assetClass;
    @Schema(required = true, enumeration = {"LONG", "SHORT"})
    public String side;
    @Schema(required = true, description = "Lots, above 0. " + Snapshot.DECIMAL, examples = "0.10")
    public String quantity;
    @Schema(required = true, description = "Units per lot, above 0. " + Snapshot.DECIMAL, examples = "100000")
    public String contractSize;
    @Schema(required = true, description = "Above 0. " + Snapshot.DECIMAL, examples = "1.1000")
    public String openPrice;
    @Schema(required = true, description = "Above 0. " + Snapshot.DECIMAL, examples = "1.0850")
    public String markPrice;
    @Schema(required = true, description = "From 1 to 1000. " + Snapshot.DECIMAL, examples = "30")
    public String leverage;
    @Schema(description = "Accrued swap or funding. " + Snapshot.DECIMAL, examples = "-1.20")
    public String swap;
    @Schema(description = "Not negative. " + Snapshot.DECIMAL, examples = "0")
    public String fees;
    public Instant openedAt;
    @Schema(enumeration = {"CROSS", "ISOLATED"}, description = "Exchange-style margin: CROSS (default) or ISOLATED")
    public String marginMode;
    @Schema(description = "The margin assigned to an ISOLATED position (required for one). " + Snapshot.DECIMAL)
    public String isolatedMargin;
    @Schema(description = "The current funding rate per funding interval. " + Snapshot.DECIMAL)
    public String fundingRate;
}
