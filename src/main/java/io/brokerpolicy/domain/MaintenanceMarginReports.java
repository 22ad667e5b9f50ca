package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the rounded exchange-model part of a verdict from the account as received and as it ended. */
final class MaintenanceMarginReports {

    private MaintenanceMarginReports() {
    }

    static MaintenanceMarginReport of(MaintenanceMarginAccount account, PolicyTerms terms,
                                      List<OneWayLiquidationPrice.Result> liquidation, String ccy) {
        Map<String, OneWayLiquidationPrice.Result> byPosition = new HashMap<>();
        liquidation.forEach(r -> byPosition.put(r.positionId(), r));
        BigDecimal lockedInIsolated = BigDecimal.ZERO;
        BigDecimal funding = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        List<MaintenanceMarginReport.PositionMaintenance> positions = new ArrayList<>();
        for (PositionState state : account.account().getPositions()) {
            Position p = state.received();
            if (p.usesIsolatedMargin()) {
                lockedInIsolated = lockedInIsolated.add(p.isolatedMargin());
            } else {
                funding = funding.add(p.swap());
                fees = fees.add(p.fees());
            }
            positions.add(position(state, byPosition.get(p.positionId()), ccy));
        }
        BigDecimal wallet = account.account().getSnapshot().balance().subtract(lockedInIsolated);
        FundingProjection projection = FundingProjector.project(account, terms);
        return new MaintenanceMarginReport(Decimals.plain(terms.marginCallRatio()), Decimals.plain(terms.liquidationRatio()),
                terms.liquidationStyle(), Decimals.plain(account.liquidationFeePercent()),
                Decimals.money(account.liquidationFees(), ccy), Decimals.money(account.insuranceFundContribution(), ccy),
                Decimals.money(account.insuranceFundShortfall(), ccy), Decimals.money(wallet, ccy), Decimals.money(funding, ccy),
                Decimals.money(fees, ccy), Decimals.money(account.getInitialCrossMarginBalance(), ccy),
                Decimals.money(account.getInitialCrossMaintenanceMargin(), ccy),
                Decimals.level(account.getInitialCrossMarginRatio()), positions, rounded(projection, ccy));
    }

    private static MaintenanceMarginReport.PositionMaintenance position(PositionState state,
                                                                       OneWayLiquidationPrice.Result liquidation,
                                                                       String ccy) {
        Position p = state.received();
        BigDecimal notional = p.notional();
        LeverageBracket bracket = state.brackets().bracketFor(notional);
        BigDecimal maintenance = bracket.maintenanceMargin(notional);
        BigDecimal isolatedBalance = p.usesIsolatedMargin() ? p.isolatedMargin().add(p.floatingPnl()) : null;
        BigDecimal isolatedRatio = p.usesIsolatedMargin() ? MarginRatio.percent(maintenance, isolatedBalance) : null;
        return new MaintenanceMarginReport.PositionMaintenance(p.positionId(), p.usesIsolatedMargin() ? MarginMode.ISOLATED
                : MarginMode.CROSS, Decimals.money(notional, ccy), bracket.number(),
                Decimals.plain(bracket.maintenanceMarginPercent()), Decimals.plain(bracket.maintenanceAmount()),
                Decimals.money(maintenance, ccy), Decimals.money(isolatedBalance, ccy), Decimals.level(isolatedRatio),
                liquidation == null ? null : liquidation.price(), liquidation == null ? null : liquidation.bracket());
    }

    private static FundingProjection rounded(FundingProjection f, String ccy) {
        if (f == null) {
            return null;
        }
        return new FundingProjection(Decimals.plain(f.intervalHours()), Decimals.money(f.crossFundingPerInterval(), ccy),
                f.intervalsUntilMarginCall(), f.intervalsUntilLiquidation(), f.isolated().stream()
                .map(i -> new FundingProjection.Isolated(i.positionId(), Decimals.money(i.fundingPerInterval(), ccy),
                        i.intervalsUntilLiquidation()))
                .toList());
    }
}
