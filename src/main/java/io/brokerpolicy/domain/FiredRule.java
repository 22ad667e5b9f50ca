package io.brokerpolicy.domain;

/** A rule that fired during an evaluation, with the bundle file it came from. */
public record FiredRule(String rule, String file) {
}
