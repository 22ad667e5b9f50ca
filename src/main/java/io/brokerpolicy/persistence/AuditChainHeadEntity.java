package io.brokerpolicy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * The last link of the hash chain of the releases before the Merkle log, kept as it was when the chain
 * was taken into the log. Its row lock still orders policy lifecycle changes (version numbers, events)
 * between replicas.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHeadEntity extends PanacheEntityBase {

    @Id
    public int id;
    @Column(name = "last_seq", nullable = false)
    public long lastSeq;
    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    public static AuditChainHeadEntity lockForAppend() {
        return findById(1, LockModeType.PESSIMISTIC_WRITE);
    }
}
