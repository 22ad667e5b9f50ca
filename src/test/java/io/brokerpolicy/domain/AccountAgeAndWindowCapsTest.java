package io.brokerpolicy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.domain.policy.AccountAgeCap;
import io.brokerpolicy.domain.policy.VolatilityWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountAgeAndWindowCapsTest {

    private static final AccountAgeCap YOUNG = new AccountAgeCap("young-account", 60, Map.of(AssetClass.CRYPTO, BigDecimal.valueOf(20)));
    private static final VolatilityWindow CPI = new VolatilityWindow("us-cpi", "US CPI release",
            Instant.parse("2026-11-13T13:00:00Z"), Instant.parse("2026-11-13T15:00:00Z"), Map.of(AssetClass.CRYPTO, BigDecimal.TEN));

    @Test
    void ageIsMeasuredToAsOf_andSixtyFullDaysIsNoLongerYoung() {
        Instant opened = Instant.parse("2026-09-01T00:00:00Z");
        assertThat(YOUNG.appliesTo(opened, opened.plusSeconds(60L * 86400 - 1))).isTrue();
        assertThat(YOUNG.appliesTo(opened, opened.plusSeconds(60L * 86400))).isFalse();
    }

    @Test
    void anAccountWithoutOpeningDate_countsAsYoung() {
        assertThat(YOUNG.appliesTo(null, Instant.parse("2026-11-21T00:00:00Z"))).isTrue();
        assertThat(YOUNG.source(null, Instant.parse("2026-11-21T00:00:00Z"))).contains("opening date not given");
    }

    @Test
    void windowIsInForceFromItsStartUpToButNotIncludingItsEnd() {
        assertThat(CPI.inForceAt(Instant.parse("2026-11-13T12:59:59Z"))).isFalse();
        assertThat(CPI.inForceAt(Instant.parse("2026-11-13T13:00:00Z"))).isTrue();
        assertThat(CPI.inForceAt(Instant.parse("2026-11-13T14:59:59Z"))).isTrue();
        assertThat(CPI.inForceAt(Instant.parse("2026-11-13T15:00:00Z"))).isFalse();
    }
}
