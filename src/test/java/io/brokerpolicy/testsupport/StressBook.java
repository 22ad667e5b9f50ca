package io.brokerpolicy.testsupport;

import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static io.brokerpolicy.testsupport.StoredVerdicts.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * A book of three accounts stored through the API for stress tests. They trade symbols named for this book alone, so
 * a shock of those symbols moves nobody else's prices in a database other tests share. Worked out by hand:
 *
 * <pre>
 * acme-fx standard (stop-out 50 %, margin call 100 %), one lot of the FX major {@link #fx} at 1.1000, 30:1, shock -3 %:
 *   K1 balance 5000: 136.36 % HEALTHY -> 1700 / 3556.67 = 47.80 % STOP_OUT, loss 3300. K1 has an older snapshot (asOf
 *      a day earlier, balance 100000) stored after this one: the latest by asOf is the one stressed.
 *   K2 balance 6500: 177.27 % HEALTHY -> 3200 / 3556.67 = 89.97 % MARGIN_CALL, loss 3300.
 * nova-crypto, the coin {@link #coin} (on the default table), 1000 at 10 cross, 10:1, balance 1500, shock -20 % (8):
 *   K3 notional 10000 (bracket 2: 2.5 %, amount 75) maintenance 175: 11.67 % HEALTHY -> margin balance 1500 - 2000 =
 *      -500, bankrupt, closed whole: STOP_OUT, liquidated, the insurance fund's shortfall 500, loss 2000.
 * </pre>
 */
public final class StressBook {

    public final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    public final String fx = "FXT" + run;
    public final String coin = "CRT" + run;

    /** Stores the book's four snapshots (two of K1) through the evaluation API. */
    public StressBook store() {
        evaluate(fxAccount(account(1), "5000.00", "2026-11-21T14:03:11Z"));
        evaluate(fxAccount(account(2), "6500.00", "2026-11-21T14:03:11Z"));
        evaluate(fxAccount(account(1), "100000.00", "2026-11-20T14:03:11Z"));
        evaluate(coinAccount(account(3)));
        return this;
    }

    /** K1, K2 or K3 of this book. */
    public String account(int n) {
        return "K" + n + "-" + run;
    }

    /** The book's shocks: its FX major -3 %, its coin -20 % (as a decimal string, which is accepted too). */
    public String shocks() {
        return "{\"shocks\": {\"" + fx + "\": -3, \"" + coin + "\": \"-20\"}}";
    }

    private ObjectNode fxAccount(String account, String balance, String asOf) {
        return (ObjectNode) json("""
                {"snapshotId": "%s", "accountId": "%s", "brokerId": "acme-fx", "accountType": "standard",
                 "kycTier": "FULL", "jurisdiction": "EU", "clientCategory": "RETAIL", "currency": "USD",
                 "asOf": "%s", "balance": "%s",
                 "positions": [{"positionId": "p1", "symbol": "%s", "assetClass": "FX_MAJOR", "side": "LONG",
                   "quantity": "1", "contractSize": "100000", "openPrice": "1.1000", "markPrice": "1.1000",
                   "leverage": "30", "openedAt": "2026-11-20T09:00:00Z"}]}""".formatted(UUID.randomUUID(), account, asOf,
                balance, fx));
    }

    private ObjectNode coinAccount(String account) {
        return (ObjectNode) json("""
                {"snapshotId": "%s", "accountId": "%s", "brokerId": "nova-crypto", "accountType": "standard",
                 "kycTier": "FULL", "jurisdiction": "SC", "clientCategory": "RETAIL", "currency": "USDT",
                 "accountOpenedAt": "2025-01-10T00:00:00Z", "asOf": "2026-11-21T14:03:11Z", "balance": "1500",
                 "positions": [{"positionId": "p1", "symbol": "%s", "assetClass": "CRYPTO", "side": "LONG",
                   "quantity": "1000", "contractSize": "1", "openPrice": "10", "markPrice": "10",
                   "leverage": "10", "openedAt": "2026-11-20T09:00:00Z"}]}""".formatted(UUID.randomUUID(), account, coin));
    }
}
