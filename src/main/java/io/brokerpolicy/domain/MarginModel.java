package io.brokerpolicy.domain;

/**
 * How a policy judges an account's margin.
 * <ul>
 *   <li>MARGIN_LEVEL: the forex model, equity / used margin x 100 against margin-call and stop-out levels.</li>
 *   <li>MAINTENANCE_MARGIN: the exchange model, maintenance margin / margin balance x 100 (the margin ratio)
 *       against margin-call and liquidation ratios, with maintenance margin from leverage brackets.</li>
 * </ul>
 */
public enum MarginModel {
    MARGIN_LEVEL,
    MAINTENANCE_MARGIN
}
