package io.brokerpolicy.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Reads an Ed25519 public key in any form a regulator may have been handed: base64 of the raw 32 bytes,
 * the JSON of {@code GET /audit/public-key}, a PEM "PUBLIC KEY" (as openssl writes it), or a Go note
 * verifier key ({@code name+keyid+base64}).
 */
public final class PublicKeyText {

    private PublicKeyText() {
    }

    public static PublicKey parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(trimmed);
            } catch (IOException e) {
                throw new IllegalArgumentException("the public key is not valid JSON: " + e.getMessage());
            }
            JsonNode key = json.get("publicKey");
            if (key == null || !key.isTextual()) {
                throw new IllegalArgumentException("the public key JSON has no \"publicKey\" string");
            }
            return raw(key.asText());
        }
        if (trimmed.contains("-----BEGIN PUBLIC KEY-----")) {
            String body = trimmed.substring(trimmed.indexOf("-----BEGIN PUBLIC KEY-----") + 26);
            int end = body.indexOf("-----END PUBLIC KEY-----");
            if (end < 0) {
                throw new IllegalArgumentException("the PEM public key has no END line");
            }
            byte[] der = Base64.getMimeDecoder().decode(body.substring(0, end));
            if (der.length != 44) {
                throw new IllegalArgumentException("the PEM public key is not an Ed25519 key");
            }
            byte[] rawKey = new byte[Ed25519Keys.PUBLIC_KEY_SIZE];
            System.arraycopy(der, der.length - rawKey.length, rawKey, 0, rawKey.length);
            PublicKey key = Ed25519Keys.publicKeyFromRaw(rawKey);
            if (!java.util.Arrays.equals(key.getEncoded(), der)) {
                throw new IllegalArgumentException("the PEM public key is not an Ed25519 key");
            }
            return key;
        }
        byte[] decoded = tryBase64(trimmed);
        if (decoded != null && decoded.length == Ed25519Keys.PUBLIC_KEY_SIZE) {
            return Ed25519Keys.publicKeyFromRaw(decoded);
        }
        String[] parts = trimmed.split("\\+", 3);
        if (parts.length == 3 && parts[1].matches("[0-9a-f]{8}")) {
            byte[] typed = tryBase64(parts[2]);
            if (typed == null || typed.length != 1 + Ed25519Keys.PUBLIC_KEY_SIZE || typed[0] != Ed25519Keys.NOTE_TYPE_ED25519) {
                throw new IllegalArgumentException("the note verifier key does not hold an Ed25519 key");
            }
            byte[] rawKey = java.util.Arrays.copyOfRange(typed, 1, typed.length);
            if (!Ed25519Keys.noteKeyIdHex(parts[0], rawKey).equals(parts[1])) {
                throw new IllegalArgumentException("the note verifier key's id " + parts[1] + " does not match its name and key");
            }
            return Ed25519Keys.publicKeyFromRaw(rawKey);
        }
        throw new IllegalArgumentException("not an Ed25519 public key: expected base64 of 32 bytes, the JSON of "
                + "/audit/public-key, a PEM PUBLIC KEY or a note verifier key");
    }

    private static PublicKey raw(String base64) {
        byte[] decoded = tryBase64(base64.trim());
        if (decoded == null) {
            throw new IllegalArgumentException("the public key is not base64");
        }
        return Ed25519Keys.publicKeyFromRaw(decoded);
    }

    private static byte[] tryBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
