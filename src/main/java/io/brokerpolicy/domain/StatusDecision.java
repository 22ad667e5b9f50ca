package io.brokerpolicy.domain;

/** Inserted by a status rule; exactly one must exist after an evaluation. */
public record StatusDecision(AccountStatus status, String rule) {

    public AccountStatus getStatus() {
        return status;
    }
}
