package io.brokerpolicy.api.dto;

import io.brokerpolicy.intake.ShocksParser;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of POST /policy/versions/{n}/stress, its shape checked by Bean Validation; each move (key and value) is
 * then checked by {@link ShocksParser}, which names it ({@code shocks.BTCUSDT}). The values are read as they came
 * (number, decimal string, or anything else) so that a bad one is reported with what it was.
 */
@Schema(name = "StressShocks")
public record StressShocks(
        @Schema(required = true, type = SchemaType.OBJECT, additionalProperties = BigDecimal.class,
                minProperties = 1, maxProperties = ShocksParser.MAX_SHOCKS,
                description = "Percent moves of mark prices, above -100 and at most 1000, at most 6 decimals, by symbol"
                        + " (BTCUSDT; symbol:NAME for a name with a colon) or instrument class (assetClass:FX_MAJOR)."
                        + " Decimal strings are accepted too.")
        @NotNull(message = "is required: give at least one percent move, e.g. {\"BTCUSDT\": -20}")
        @Size(min = 1, max = ShocksParser.MAX_SHOCKS, message = "give from 1 to " + ShocksParser.MAX_SHOCKS
                + " percent moves, e.g. {\"BTCUSDT\": -20}")
        Map<String, Object> shocks) {
}
