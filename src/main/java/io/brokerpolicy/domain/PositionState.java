package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position as the rules see it during one evaluation: its derived figures computed once, whether
 * it is still open, and the tightest leverage cap that applies to it (null when nothing caps it).
 */
public final class PositionState {

    private final Position position;
    private final BigDecimal floatingPnl;
    private final BigDecimal usedMargin;
    private final BigDecimal notional;
    private final LeverageCap effectiveCap;
    private boolean open = true;

    public PositionState(Position position, LeverageCap effectiveCap) {
        this.position = position;
        this.floatingPnl = position.floatingPnl();
        this.usedMargin = position.usedMargin();
        this.notional = position.notional();
        this.effectiveCap = effectiveCap;
    }

    public Position getPosition() {
        return position;
    }

    public String positionId() {
        return position.positionId();
    }

    public String getPositionId() {
        return position.positionId();
    }

    public AssetClass getAssetClass() {
        return position.assetClass();
    }

    public BigDecimal floatingPnl() {
        return floatingPnl;
    }

    public BigDecimal getFloatingPnl() {
        return floatingPnl;
    }

    public BigDecimal usedMargin() {
        return usedMargin;
    }

    public BigDecimal getUsedMargin() {
        return usedMargin;
    }

    public BigDecimal getNotional() {
        return notional;
    }

    public BigDecimal leverage() {
        return position.leverage();
    }

    public BigDecimal getLeverage() {
        return position.leverage();
    }

    public Instant openedAt() {
        return position.openedAt();
    }

    public LeverageCap getEffectiveCap() {
        return effectiveCap;
    }

    /** True when a cap applies and the position's leverage is above it. */
    public boolean isLeverageAboveCap() {
        return effectiveCap != null && position.leverage().compareTo(effectiveCap.limit()) > 0;
    }

    public boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    @Override
    public String toString() {
        return "PositionState[" + position.positionId() + (open ? ", open" : ", closed") + "]";
    }
}
