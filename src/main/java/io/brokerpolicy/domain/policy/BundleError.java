package io.brokerpolicy.domain.policy;

/** A problem in one file of a policy bundle; {@code line} is 1-based, 0 when the problem has no line. */
public record BundleError(String file, int line, String message) {
}
