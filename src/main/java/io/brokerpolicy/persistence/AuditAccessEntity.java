package io.brokerpolicy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One read of the audit records (table audit_access, V30): who, what, when, and what was answered. */
@Entity
@Table(name = "audit_access")
public class AuditAccessEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String path;

    public String query;

    @Column(nullable = false)
    public int status;
}
