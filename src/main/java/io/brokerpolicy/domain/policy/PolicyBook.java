package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.LeverageCap;
import io.brokerpolicy.domain.MarginModel;
import io.brokerpolicy.domain.PolicyTerms;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * All parameters of one policy version: every broker's policy and every regulator preset, by the
 * jurisdictions it covers. Resolves the terms that apply to one snapshot.
 */
public record PolicyBook(Map<String, BrokerPolicy> brokers, Map<String, RegulatorPreset> regulatorsByJurisdiction) {

    public PolicyBook {
        brokers = Map.copyOf(brokers);
        regulatorsByJurisdiction = Map.copyOf(regulatorsByJurisdiction);
    }

    /**
     * The terms for a snapshot's broker, account type and KYC tier, with the regulator's retail rules
     * folded in: the stop-out level raised to the close-out floor, negative balance protection switched
     * on, and the tightest leverage cap per instrument class, counting the young-account caps and the
     * volatility windows in force at the snapshot's {@code asOf}.
     *
     * @throws PolicyNotFoundException when the broker, account type or KYC tier has no policy
     */
    public ResolvedPolicy resolve(AccountSnapshot snapshot) {
        return atTime(standing(snapshot), snapshot);
    }

    /**
     * The part of {@link #resolve} that depends only on the snapshot's broker, account type, KYC tier, client
     * category and jurisdiction: the same for every snapshot that shares them, so a compiled policy resolves it once.
     *
     * @throws PolicyNotFoundException when the broker, account type or KYC tier has no policy
     */
    public ResolvedPolicy standing(AccountSnapshot snapshot) {
        BrokerPolicy broker = brokers.get(snapshot.brokerId());
        if (broker == null) {
            throw new PolicyNotFoundException("brokerId", "no policy for broker '" + snapshot.brokerId() + "'");
        }
        AccountTypePolicy type = broker.accountTypes().get(snapshot.accountType());
        if (type == null) {
            throw new PolicyNotFoundException("accountType", "broker '" + broker.brokerId()
                    + "' has no account type '" + snapshot.accountType() + "' (it has " + broker.accountTypes().keySet()
                    .stream().sorted().toList() + ")");
        }
        KycTierPolicy tier = null;
        if (!broker.kycTiers().isEmpty()) {
            tier = snapshot.kycTier() == null ? null : broker.kycTiers().get(snapshot.kycTier());
            if (tier == null) {
                throw new PolicyNotFoundException("kycTier", "broker '" + broker.brokerId() + "' has no KYC tier '"
                        + snapshot.kycTier() + "' (it has " + broker.kycTiers().keySet().stream().sorted().toList() + ")");
            }
        }
        RegulatorPreset regulator = snapshot.clientCategory() == ClientCategory.RETAIL
                ? regulatorsByJurisdiction.get(snapshot.jurisdiction())
                : null;

        boolean exchange = broker.marginModel() == MarginModel.MAINTENANCE_MARGIN;
        BigDecimal stopOut = type.stopOutLevel();
        boolean floorApplied = false;
        if (!exchange && regulator != null && regulator.retailMinStopOutLevel() != null
                && stopOut.compareTo(regulator.retailMinStopOutLevel()) < 0) {
            stopOut = regulator.retailMinStopOutLevel();
            floorApplied = true;
        }
        BigDecimal marginCall = exchange ? null : type.marginCallLevel().max(stopOut);
        boolean protection = broker.negativeBalanceProtection()
                || (regulator != null && regulator.retailNegativeBalanceProtection());
        MaintenanceMarginPolicy mm = broker.maintenanceMargin();

        PolicyTerms terms = new PolicyTerms(broker.brokerId(), type.name(), broker.file(), marginCall, stopOut,
                floorApplied, broker.closeOutOrder(), protection, tier == null ? null : tier.name(),
                tier == null ? null : tier.maxNotional(), regulator == null ? null : regulator.id(),
                broker.marginModel(), exchange ? type.marginCallRatio() : null, exchange ? type.liquidationRatio() : null,
                exchange ? mm.liquidation() : null, exchange ? mm.fundingIntervalHours() : null,
                exchange ? mm.liquidationFeePercent() : null, broker.parameters(), broker.violationCodes());
        return new ResolvedPolicy(terms, effectiveCaps(type, tier, regulator), exchange ? mm.leverageBrackets() : null,
                exchange ? mm.quantitySteps() : Map.of());
    }

    /**
     * The {@link #standing} terms with the caps that depend on the snapshot's time folded in: the young-account caps
     * and the volatility windows in force at its {@code asOf}. Returns {@code standing} itself when none applies.
     */
    public ResolvedPolicy atTime(ResolvedPolicy standing, AccountSnapshot snapshot) {
        BrokerPolicy broker = brokers.get(standing.terms().brokerId());
        Map<AssetClass, LeverageCap> caps = null;
        for (AccountAgeCap age : broker.accountAgeCaps()) {
            if (age.appliesTo(snapshot.accountOpenedAt(), snapshot.asOf())) {
                caps = caps == null ? copy(standing.effectiveCaps()) : caps;
                tighten(caps, age.leverageCaps(), age.source(snapshot.accountOpenedAt(), snapshot.asOf()));
            }
        }
        for (VolatilityWindow window : broker.volatilityWindows()) {
            if (window.inForceAt(snapshot.asOf())) {
                caps = caps == null ? copy(standing.effectiveCaps()) : caps;
                tighten(caps, window.leverageCaps(), window.source());
            }
        }
        return caps == null ? standing
                : new ResolvedPolicy(standing.terms(), caps, standing.brackets(), standing.quantitySteps());
    }

    private static Map<AssetClass, LeverageCap> copy(Map<AssetClass, LeverageCap> caps) {
        Map<AssetClass, LeverageCap> copy = new EnumMap<>(AssetClass.class);
        copy.putAll(caps);
        return copy;
    }

    /** Per instrument class the tightest cap; on equal limits the regulator's is named, being the stronger reason. */
    private static Map<AssetClass, LeverageCap> effectiveCaps(AccountTypePolicy type, KycTierPolicy tier,
                                                              RegulatorPreset regulator) {
        Map<AssetClass, LeverageCap> caps = new EnumMap<>(AssetClass.class);
        if (regulator != null) {
            tighten(caps, regulator.retailLeverageCaps(), regulator.id() + " retail cap");
        }
        tighten(caps, type.leverageCaps(), "account type " + type.name() + " cap");
        if (tier != null) {
            tighten(caps, tier.leverageCaps(), "KYC tier " + tier.name() + " cap");
        }
        return caps;
    }

    private static void tighten(Map<AssetClass, LeverageCap> caps, Map<AssetClass, BigDecimal> limits, String source) {
        limits.forEach((cls, limit) -> {
            LeverageCap current = caps.get(cls);
            if (current == null || limit.compareTo(current.limit()) < 0) {
                caps.put(cls, new LeverageCap(cls, limit, source));
            }
        });
    }
}
