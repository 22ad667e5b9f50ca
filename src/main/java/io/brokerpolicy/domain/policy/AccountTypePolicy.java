package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Margin-call and stop-out levels (in %) of one account type, the client category it is sold to, and
 * any leverage caps the broker sets for the account type itself (checked against the regulator). Under the
 * exchange model the account type sets margin-call and liquidation ratios (in %) instead, and the levels are null.
 */
public record AccountTypePolicy(
        String name,
        ClientCategory clientCategory,
        BigDecimal marginCallLevel,
        BigDecimal stopOutLevel,
        Map<AssetClass, BigDecimal> leverageCaps,
        BigDecimal marginCallRatio,
        BigDecimal liquidationRatio) {

    public AccountTypePolicy {
        leverageCaps = Map.copyOf(leverageCaps);
    }
}
