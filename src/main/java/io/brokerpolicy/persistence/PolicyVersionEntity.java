package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.PolicyVersionRecord;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One stored revision of the policy bundle and its lifecycle state. */
@Entity
@Table(name = "policy_version")
public class PolicyVersionEntity extends PanacheEntityBase {

    @Id
    public long version;
    @Column(nullable = false)
    public String hash;
    @Column(nullable = false)
    public String state;
    @Column(nullable = false)
    public String source;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "activated_at")
    public Instant activatedAt;
    public String errors;

    public static Optional<PolicyVersionEntity> active() {
        return find("state", "ACTIVE").firstResultOptional();
    }

    public static long nextVersion() {
        Long max = getEntityManager().createQuery("select max(v.version) from PolicyVersionEntity v", Long.class)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }

    public static List<PolicyVersionEntity> newestFirst() {
        return list("order by version desc");
    }

    public PolicyVersionRecord toRecord() {
        return new PolicyVersionRecord(version, hash, state, source, createdBy, createdAt, activatedAt, errors);
    }
}
