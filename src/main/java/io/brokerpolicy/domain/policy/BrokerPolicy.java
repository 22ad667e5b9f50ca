package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.CloseOutOrder;
import io.brokerpolicy.domain.MarginModel;
import java.util.List;
import java.util.Map;

/**
 * One broker's policy file: its account types, KYC tiers, close-out order and protection, its margin model
 * (with the exchange parameters when that is MAINTENANCE_MARGIN, else null), and the caps for young accounts
 * and declared volatility windows; and the named parameters and violation codes its rules may use.
 */
public record BrokerPolicy(
        String brokerId,
        String name,
        String file,
        String jurisdiction,
        CloseOutOrder closeOutOrder,
        boolean negativeBalanceProtection,
        Map<String, AccountTypePolicy> accountTypes,
        Map<String, KycTierPolicy> kycTiers,
        MarginModel marginModel,
        MaintenanceMarginPolicy maintenanceMargin,
        List<AccountAgeCap> accountAgeCaps,
        List<VolatilityWindow> volatilityWindows,
        Map<String, java.math.BigDecimal> parameters,
        Map<String, String> violationCodes) {

    public BrokerPolicy {
        parameters = Map.copyOf(parameters);
        violationCodes = Map.copyOf(violationCodes);
        accountTypes = Map.copyOf(accountTypes);
        kycTiers = Map.copyOf(kycTiers);
        accountAgeCaps = List.copyOf(accountAgeCaps);
        volatilityWindows = List.copyOf(volatilityWindows);
    }
}
