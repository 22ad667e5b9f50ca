package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Leverage caps for accounts younger than a number of days (exchanges cap new accounts: at most 20x in the first
 * 60 days is common). Age is measured from the account's opening to the snapshot's {@code asOf}, never the wall
 * clock, so that a replay decides the same. An account whose opening date is not given counts as young: the cap
 * is there to protect, and an unknown age proves nothing.
 */
public record AccountAgeCap(String rule, int youngerThanDays, Map<AssetClass, BigDecimal> leverageCaps) {

    public AccountAgeCap {
        leverageCaps = Map.copyOf(leverageCaps);
    }

    public boolean appliesTo(Instant accountOpenedAt, Instant asOf) {
        return accountOpenedAt == null || Duration.between(accountOpenedAt, asOf).compareTo(Duration.ofDays(youngerThanDays)) < 0;
    }

    /** Names the rule and why it applied, for the violation a compliance officer reads. */
    public String source(Instant accountOpenedAt, Instant asOf) {
        String age = accountOpenedAt == null ? "opening date not given"
                : "account " + Duration.between(accountOpenedAt, asOf).toDays() + " days old";
        return "account-age rule " + rule + " cap (younger than " + youngerThanDays + " days; " + age + ")";
    }
}
