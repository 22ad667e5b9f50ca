package io.brokerpolicy.audit;

import java.util.Base64;

/** Where a record sits in the audit log: its leaf index and leaf hash (SHA-256 over 0x00 and its record bytes). */
public record LogPosition(long leafIndex, byte[] leafHash) {

    public String leafHashBase64() {
        return Base64.getEncoder().encodeToString(leafHash);
    }
}
