package io.brokerpolicy.api.dto;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /policy/versions/{n}/stress (documented here; ShocksParser reads it). */
@Schema(name = "StressShocks")
public class StressShocks {

    @Schema(required = true, description = "Percent moves of mark prices, above -100 and at most 1000, at most 6"
            + " decimals, by symbol (BTCUSDT; symbol:NAME for a name with a colon) or instrument class"
            + " (assetClass:FX_MAJOR); 1 to 500 of them. Decimal strings are accepted too.")
    public Map<String, BigDecimal> shocks;
}
