package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.LeverageBracket;
import io.brokerpolicy.domain.LeverageBracketTable;
import io.brokerpolicy.domain.LeverageBracketTables;
import io.brokerpolicy.domain.LeverageCap;
import io.brokerpolicy.domain.PolicyTerms;
import io.brokerpolicy.domain.Position;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The terms and the effective leverage caps that apply to one snapshot, and under the exchange model the
 * leverage bracket tables (null under the margin-level model) and the lot sizes by symbol.
 */
public record ResolvedPolicy(PolicyTerms terms, Map<AssetClass, LeverageCap> effectiveCaps,
                             LeverageBracketTables brackets, Map<String, BigDecimal> quantitySteps) {

    public ResolvedPolicy {
        effectiveCaps = Map.copyOf(effectiveCaps);
        quantitySteps = Map.copyOf(quantitySteps);
    }

    public ResolvedPolicy(PolicyTerms terms, Map<AssetClass, LeverageCap> effectiveCaps) {
        this(terms, effectiveCaps, null, Map.of());
    }

    /** The lot size of a position's symbol, in which a partial liquidation reduces it; null when it has none. */
    public BigDecimal quantityStepFor(Position position) {
        return position.symbol() == null ? null : quantitySteps.get(position.symbol());
    }

    /** The tightest cap for the class, or null when nothing caps it. */
    public LeverageCap capFor(AssetClass assetClass) {
        return effectiveCaps.get(assetClass);
    }

    /** The bracket table of a position's symbol; null under the margin-level model. */
    public LeverageBracketTable bracketsFor(Position position) {
        return brackets == null ? null : brackets.forSymbol(position.symbol());
    }

    /**
     * The tightest cap for one position: its class's cap, and under the exchange model also the maximum leverage
     * of the bracket its notional falls in (bigger positions may use less leverage). On equal limits the class's
     * cap is named.
     */
    public LeverageCap capFor(Position position) {
        LeverageCap cap = capFor(position.assetClass());
        LeverageBracketTable table = bracketsFor(position);
        if (table == null) {
            return cap;
        }
        LeverageBracket bracket = table.bracketFor(position.notional());
        if (cap != null && cap.limit().compareTo(bracket.maxLeverage()) <= 0) {
            return cap;
        }
        return new LeverageCap(position.assetClass(), bracket.maxLeverage(), "leverage bracket " + bracket.number()
                + " of table " + table.name() + " (notional " + bracket.notionalFloor().toPlainString() + " to "
                + (bracket.notionalCap() == null ? "any" : bracket.notionalCap().toPlainString()) + ") cap");
    }
}
