package io.brokerpolicy.audit;

/**
 * One audit record as a leaf sees it: the row it is ({@code kind}, {@code key}), how a person names it
 * ({@code id}: a verdict's id, a file's version and path…), and the exact bytes its leaf is hashed over.
 */
public record LoggedRecord(LoggedKind kind, long key, String id, byte[] bytes) {
}
