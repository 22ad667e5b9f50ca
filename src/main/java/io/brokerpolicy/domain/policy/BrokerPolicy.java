package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.CloseOutOrder;
import java.util.Map;

/** One broker's policy file: its account types, KYC tiers, close-out order and protection. */
public record BrokerPolicy(
        String brokerId,
        String name,
        String file,
        String jurisdiction,
        CloseOutOrder closeOutOrder,
        boolean negativeBalanceProtection,
        Map<String, AccountTypePolicy> accountTypes,
        Map<String, KycTierPolicy> kycTiers) {

    public BrokerPolicy {
        accountTypes = Map.copyOf(accountTypes);
        kycTiers = Map.copyOf(kycTiers);
    }
}
