package io.brokerpolicy.domain.policy;

/** The snapshot names a broker, account type or KYC tier for which the active policy has no entry. */
public class PolicyNotFoundException extends RuntimeException {

    private final String field;

    public PolicyNotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
