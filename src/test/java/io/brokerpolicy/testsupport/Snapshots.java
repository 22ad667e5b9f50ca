package io.brokerpolicy.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Test-data builders for account snapshots as JSON, starting from the worked example of docs/domain.md:
 * balance 1000, one EURUSD position losing 150 with 200 of used margin (equity 850, level 425%).
 */
public final class Snapshots {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Snapshots() {
    }

    public static ObjectNode aSnapshot() {
        ObjectNode s = NODES.objectNode();
        s.put("snapshotId", "snap-" + UUID.randomUUID());
        s.put("accountId", "A-1042");
        s.put("brokerId", "acme-fx");
        s.put("accountType", "standard");
        s.put("kycTier", "FULL");
        s.put("jurisdiction", "EU");
        s.put("clientCategory", "RETAIL");
        s.put("currency", "USD");
        s.put("accountOpenedAt", "2025-01-10T00:00:00Z");
        s.put("asOf", "2026-11-21T14:03:11Z");
        s.put("balance", "1000.00");
        ArrayNode positions = s.putArray("positions");
        positions.add(aPosition("p1"));
        return s;
    }

    /** EURUSD long 0.05 lot at 30:1, opened 1.2300, marked 1.2000: floating -150, used margin 200. */
    public static ObjectNode aPosition(String id) {
        ObjectNode p = NODES.objectNode();
        p.put("positionId", id);
        p.put("symbol", "EURUSD");
        p.put("assetClass", "FX_MAJOR");
        p.put("side", "LONG");
        p.put("quantity", "0.05");
        p.put("contractSize", "100000");
        p.put("openPrice", "1.2300");
        p.put("markPrice", "1.2000");
        p.put("leverage", "30");
        p.put("openedAt", "2026-11-20T09:00:00Z");
        return p;
    }

    public static ObjectNode withBalance(ObjectNode snapshot, String balance) {
        snapshot.put("balance", balance);
        return snapshot;
    }

    public static ObjectNode firstPosition(ObjectNode snapshot) {
        return (ObjectNode) snapshot.get("positions").get(0);
    }
}
