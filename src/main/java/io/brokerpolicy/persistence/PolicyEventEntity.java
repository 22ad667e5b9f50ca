package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.PolicyEventRecord;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change to the policy lifecycle (created, activated, retired, rolled back), a record of the audit log. */
@Entity
@Table(name = "policy_event")
public class PolicyEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(nullable = false)
    public long version;
    @Column(nullable = false)
    public String action;
    @Column(nullable = false)
    public String actor;
    @Column(nullable = false)
    public Instant at;
    public String detail;
    /** The hash chain link of rows stored before the Merkle log; null for rows stored since. */
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "row_hash")
    public String rowHash;

    public PolicyEventRecord toRecord() {
        return new PolicyEventRecord(chainSeq, version, action, actor, at, detail, prevHash, rowHash);
    }
}
