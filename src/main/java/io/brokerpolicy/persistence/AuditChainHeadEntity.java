package io.brokerpolicy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * The last link of the audit chain. Appending locks this single row, which orders every audited write
 * into one chain; the lock is held only for the insert and the commit.
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
