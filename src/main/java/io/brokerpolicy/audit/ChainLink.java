package io.brokerpolicy.audit;

/**
 * One row of the audit chain as read back: where it sits, the link it claims to follow, the hash it
 * carries, and the hash its content actually has now.
 */
record ChainLink(long chainSeq, String table, String id, String prevHash, String storedHash, String recomputedHash) {
}
