package io.brokerpolicy.engine;

/**
 * The rules could not decide: no status or more than one, or the rule engine ran past its bound.
 * Never turned into a verdict: an account the engine cannot judge is an error, not HEALTHY.
 */
public class EvaluationException extends RuntimeException {

    public EvaluationException(String message) {
        super(message);
    }
}
