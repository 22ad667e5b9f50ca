package io.brokerpolicy.api;

/**
 * The request examples of the OpenAPI document: the snapshots of examples/, compacted (ApiExamplesTest checks that
 * each is the file's JSON, so the document and the README's examples cannot drift apart).
 */
final class ApiExamples {

    /** examples/healthy.json */
    static final String HEALTHY = "{\"snapshotId\":\"example-healthy-0001\",\"accountId\":\"A-2001\",\"brokerId\":\"acme-fx\",\"accountType\":\"standa"
            + "rd\",\"kycTier\":\"FULL\",\"jurisdiction\":\"EU\",\"clientCategory\":\"RETAIL\",\"currency\":\"USD\",\"accountOpenedAt"
            + "\":\"2025-01-10T00:00:00Z\",\"asOf\":\"2026-11-21T14:03:11Z\",\"balance\":\"1000.00\",\"positions\":[{\"positionId"
            + "\":\"p1\",\"symbol\":\"EURUSD\",\"assetClass\":\"FX_MAJOR\",\"side\":\"LONG\",\"quantity\":\"0.05\",\"contractSize\":\"100"
            + "000\",\"openPrice\":\"1.2300\",\"markPrice\":\"1.2000\",\"leverage\":\"30\",\"openedAt\":\"2026-11-20T09:00:00Z\"}]}";

    /** examples/stop-out.json */
    static final String STOP_OUT = "{\"snapshotId\":\"example-stop-out-0001\",\"accountId\":\"A-1042\",\"brokerId\":\"acme-fx\",\"accountType\":\"stand"
            + "ard\",\"kycTier\":\"FULL\",\"jurisdiction\":\"EU\",\"clientCategory\":\"RETAIL\",\"currency\":\"USD\",\"accountOpenedA"
            + "t\":\"2025-01-10T00:00:00Z\",\"asOf\":\"2026-11-21T14:03:11Z\",\"balance\":\"500.00\",\"positions\":[{\"positionId"
            + "\":\"p3\",\"symbol\":\"EURUSD\",\"assetClass\":\"FX_MAJOR\",\"side\":\"LONG\",\"quantity\":\"0.05\",\"contractSize\":\"100"
            + "000\",\"openPrice\":\"1.1900\",\"markPrice\":\"1.2000\",\"leverage\":\"30\",\"openedAt\":\"2026-11-20T09:00:00Z\"},{\""
            + "positionId\":\"p2\",\"symbol\":\"GER40\",\"assetClass\":\"INDEX_MAJOR\",\"side\":\"SHORT\",\"quantity\":\"1\",\"contract"
            + "Size\":\"1\",\"openPrice\":\"1900\",\"markPrice\":\"2000\",\"leverage\":\"20\",\"openedAt\":\"2026-11-20T09:00:00Z\"},{"
            + "\"positionId\":\"p1\",\"symbol\":\"US500\",\"assetClass\":\"INDEX_MAJOR\",\"side\":\"LONG\",\"quantity\":\"1\",\"contract"
            + "Size\":\"1\",\"openPrice\":\"2300\",\"markPrice\":\"2000\",\"leverage\":\"20\",\"openedAt\":\"2026-11-20T09:00:00Z\"}]}";

    /** examples/crypto-partial-liquidation.json */
    static final String CRYPTO_PARTIAL_LIQUIDATION = "{\"snapshotId\":\"example-crypto-0001\",\"accountId\":\"A-golden-15\",\"brokerId\":\"nova-crypto\",\"accountType\""
            + ":\"standard\",\"kycTier\":\"FULL\",\"jurisdiction\":\"SC\",\"clientCategory\":\"RETAIL\",\"currency\":\"USDT\",\"accoun"
            + "tOpenedAt\":\"2025-01-10T00:00:00Z\",\"asOf\":\"2026-11-21T14:03:11Z\",\"balance\":\"21000.00\",\"positions\":[{\""
            + "positionId\":\"p1\",\"symbol\":\"BTCUSDT\",\"assetClass\":\"CRYPTO\",\"side\":\"LONG\",\"quantity\":\"5\",\"contractSize"
            + "\":\"1\",\"openPrice\":\"64000\",\"markPrice\":\"60000\",\"leverage\":\"20\",\"openedAt\":\"2026-11-20T09:00:00Z\"}]}";

    static final String BATCH = "[" + HEALTHY + "," + STOP_OUT + "]";

    static final String SHOCKS = "{\"shocks\":{\"BTCUSDT\":-20,\"assetClass:FX_MAJOR\":3}}";

    private ApiExamples() {
    }
}
