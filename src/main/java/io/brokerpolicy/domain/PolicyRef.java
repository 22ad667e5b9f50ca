package io.brokerpolicy.domain;

/** Which policy version, and which policy file and account type in it, decided a verdict. */
public record PolicyRef(long version, String hash, String file, String brokerId, String accountType) {
}
