package io.brokerpolicy.audit.log;

import java.nio.charset.StandardCharsets;

/**
 * Writes the bytes a leaf is hashed over: a JSON object whose members come in the order they are written,
 * with no whitespace, strings escaped the one way RFC 8259 requires (quote, backslash and control characters;
 * everything else as UTF-8), integers in decimal. It depends on no library's settings, so the same row gives
 * the same bytes in every release, and any JSON reader can read them back.
 */
public final class CanonicalJson {

    private final StringBuilder text = new StringBuilder(256).append('{');
    private boolean first = true;

    public CanonicalJson string(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public CanonicalJson number(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    public CanonicalJson number(String name, Long value) {
        name(name);
        text.append(value == null ? "null" : value.toString());
        return this;
    }

    /** A member whose value is JSON text kept exactly as stored (a {@code json} column keeps its bytes). */
    public CanonicalJson raw(String name, String json) {
        name(name);
        text.append(json == null ? "null" : json);
        return this;
    }

    public byte[] bytes() {
        return (text + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void name(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        quote(name);
        text.append(':');
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
