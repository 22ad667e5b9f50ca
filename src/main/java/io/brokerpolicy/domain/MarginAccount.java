package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The working state of one account during an evaluation: the fact the rules reason about and the only
 * thing a close-out changes. Sums are kept current on every close instead of recomputed per question,
 * because the rules ask for the margin level many times per close-out step.
 *
 * <p>equity = balance + sum of open positions' floating PnL; used margin = sum of open positions' used
 * margin; margin level = equity / used margin x 100, null when no margin is used.
 */
public final class MarginAccount {

    private final AccountSnapshot snapshot;
    private final List<PositionState> positions;
    private final AccountFigures initial;
    private final BigDecimal initialTotalNotional;
    private final List<CloseOutStep> closeOuts = new ArrayList<>();
    private BigDecimal balance;
    private BigDecimal openFloatingPnl;
    private BigDecimal openUsedMargin;
    private int openCount;

    public MarginAccount(AccountSnapshot snapshot, List<PositionState> positions) {
        this.snapshot = snapshot;
        this.positions = List.copyOf(positions);
        this.balance = snapshot.balance();
        this.openFloatingPnl = BigDecimal.ZERO;
        this.openUsedMargin = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (PositionState p : this.positions) {
            openFloatingPnl = openFloatingPnl.add(p.floatingPnl());
            openUsedMargin = openUsedMargin.add(p.usedMargin());
            notional = notional.add(p.getNotional());
        }
        this.openCount = this.positions.size();
        this.initialTotalNotional = notional;
        this.initial = figures();
    }

    public static BigDecimal marginLevel(BigDecimal equity, BigDecimal usedMargin) {
        if (usedMargin.signum() == 0) {
            return null;
        }
        return Decimals.percent(equity, usedMargin);
    }

    public AccountSnapshot getSnapshot() {
        return snapshot;
    }

    public List<PositionState> getPositions() {
        return positions;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public BigDecimal getEquity() {
        return balance.add(openFloatingPnl);
    }

    public BigDecimal getUsedMargin() {
        return openUsedMargin;
    }

    public BigDecimal getMarginLevel() {
        return marginLevel(getEquity(), openUsedMargin);
    }

    public int getOpenPositionCount() {
        return openCount;
    }

    /** True while positions are open and the margin level is at or below {@code level}. */
    public boolean isAtOrBelow(BigDecimal level) {
        BigDecimal current = getMarginLevel();
        return openCount > 0 && current != null && current.compareTo(level) <= 0;
    }

    public AccountFigures getInitial() {
        return initial;
    }

    // As received: the figures rules about the snapshot itself read. They never change during an evaluation,
    // so this fact is never updated; CurrentMargin carries the figures a close-out changes.

    public String getAccountId() {
        return snapshot.accountId();
    }

    public ClientCategory getClientCategory() {
        return snapshot.clientCategory();
    }

    public String getJurisdiction() {
        return snapshot.jurisdiction();
    }

    public String getCurrency() {
        return snapshot.currency();
    }

    public int getPositionCount() {
        return positions.size();
    }

    public BigDecimal getInitialBalance() {
        return initial.balance();
    }

    public BigDecimal getInitialEquity() {
        return initial.equity();
    }

    public BigDecimal getInitialUsedMargin() {
        return initial.usedMargin();
    }

    public BigDecimal getInitialFreeMargin() {
        return initial.freeMargin();
    }

    public BigDecimal getInitialMarginLevel() {
        return initial.marginLevel();
    }

    public BigDecimal getInitialTotalNotional() {
        return initialTotalNotional;
    }

    public AccountFigures figures() {
        BigDecimal equity = getEquity();
        return new AccountFigures(balance, equity, openUsedMargin, equity.subtract(openUsedMargin),
                getMarginLevel());
    }

    /**
     * Closes one open position at its mark price: realizes its floating PnL into the balance, releases its
     * margin, and records the step with the margin level before and after.
     */
    public CloseOutStep close(PositionState position, String rule) {
        requireOpen(position);
        BigDecimal before = getMarginLevel();
        BigDecimal quantity = position.getPosition().quantity();
        BigDecimal realized = realize(position, BigDecimal.ZERO);
        return record(new CloseOutStep(closeOuts.size() + 1, position.positionId(), realized, before,
                getMarginLevel(), rule, quantity, BigDecimal.ZERO, null));
    }

    /**
     * Closes the part of an open position above {@code keptNotional} (0 closes it whole) at its mark price. The
     * realized PnL is the floating PnL that leaves the position, so balance + open floating PnL is conserved
     * exactly. Returns the realized PnL; what the exchange model charges on top (fee, insurance fund) is
     * {@link #credit credited} by it.
     */
    BigDecimal realize(PositionState position, BigDecimal keptNotional) {
        return realize(position, () -> {
            if (keptNotional.signum() == 0) {
                position.markClosed();
                openCount--;
            } else {
                position.shrinkTo(keptNotional);
            }
        });
    }

    /** As {@link #realize(PositionState, BigDecimal)}, keeping exactly {@code keptQuantity} lots open (a lot-size reduction). */
    BigDecimal realizeKeepingQuantity(PositionState position, BigDecimal keptQuantity) {
        return realize(position, () -> position.shrinkToQuantity(keptQuantity));
    }

    private BigDecimal realize(PositionState position, Runnable reduction) {
        requireOpen(position);
        BigDecimal floatingBefore = position.floatingPnl();
        BigDecimal usedBefore = position.usedMargin();
        reduction.run();
        boolean open = position.isOpen();
        BigDecimal floatingAfter = open ? position.floatingPnl() : BigDecimal.ZERO;
        BigDecimal usedAfter = open ? position.usedMargin() : BigDecimal.ZERO;
        BigDecimal realized = floatingBefore.subtract(floatingAfter);
        balance = balance.add(realized);
        openFloatingPnl = openFloatingPnl.subtract(floatingBefore).add(floatingAfter);
        openUsedMargin = openUsedMargin.subtract(usedBefore).add(usedAfter);
        if (openCount == 0) {
            // Exact zero, not the residue of subtractions, so that "no margin used" is recognised.
            openFloatingPnl = BigDecimal.ZERO;
            openUsedMargin = BigDecimal.ZERO;
        }
        return realized;
    }

    /**
     * Adds {@code amount} (negative: takes it) to the balance: a liquidation fee, what a closed pool leaves to the
     * insurance fund, or the shortfall the insurance fund covers.
     */
    void credit(BigDecimal amount) {
        balance = balance.add(amount);
    }

    /**
     * Keeps the used-margin sum right when an isolated position's margin changes in place (its wallet took a
     * partial liquidation's loss and fee): an isolated position's used margin is its isolated margin.
     */
    void usedMarginChanged(BigDecimal before, BigDecimal after) {
        openUsedMargin = openUsedMargin.subtract(before).add(after);
    }

    /** Numbers and keeps a step taken by this account or by the exchange-model liquidation working on it. */
    CloseOutStep record(CloseOutStep step) {
        closeOuts.add(step);
        return step;
    }

    int nextStepNumber() {
        return closeOuts.size() + 1;
    }

    private void requireOpen(PositionState position) {
        if (!position.isOpen() || !positions.contains(position)) {
            throw new IllegalStateException("position " + position.positionId() + " is not open in this account");
        }
    }

    public List<CloseOutStep> getCloseOuts() {
        return Collections.unmodifiableList(closeOuts);
    }

    public List<PositionState> openPositions() {
        if (openCount == positions.size()) {
            return positions; // nothing closed yet: the common case, asked for on every rule evaluation
        }
        List<PositionState> open = new ArrayList<>(openCount);
        for (PositionState p : positions) {
            if (p.isOpen()) {
                open.add(p);
            }
        }
        return Collections.unmodifiableList(open);
    }
}
