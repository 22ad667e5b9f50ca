package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.PolicyEventRecord;
import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.bundle.PolicyBundle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Stores policy versions, their files and every lifecycle change, recorded with who made it; files and
 * changes are records of the audit log.
 */
@ApplicationScoped
public class PolicyVersionStore {

    public enum State { DRAFT, ACTIVE, RETIRED, REJECTED }

    /** The PostgreSQL channel on which activations are announced to every replica. */
    public static final String CHANGES_CHANNEL = "brokerpolicy_policy";
    static final String ACTIVATED = "ACTIVATED";
    static final String ROLLED_BACK = "ROLLED_BACK";

    @Inject
    Clock clock;

    /** The newest stored version with this bundle hash that was not rejected. */
    @Transactional
    public Optional<PolicyVersionRecord> findUsable(String hash) {
        return PolicyVersionEntity.<PolicyVersionEntity>find("hash = ?1 and state <> 'REJECTED' order by version desc", hash)
                .firstResultOptional().map(PolicyVersionEntity::toRecord);
    }

    @Transactional
    public Optional<PolicyVersionRecord> active() {
        return PolicyVersionEntity.active().map(PolicyVersionEntity::toRecord);
    }

    @Transactional
    public PolicyBundle bundleOf(long version) {
        return new PolicyBundle(PolicyFileEntity.filesOf(version));
    }

    /** Any stored version with this bundle hash, whatever its state: the newest. */
    @Transactional
    public Optional<PolicyVersionRecord> findAny(String hash) {
        return PolicyVersionEntity.<PolicyVersionEntity>find("hash = ?1 order by version desc", hash)
                .firstResultOptional().map(PolicyVersionEntity::toRecord);
    }

    @Transactional
    public Optional<PolicyVersionRecord> find(long version) {
        return PolicyVersionEntity.<PolicyVersionEntity>findByIdOptional(version).map(PolicyVersionEntity::toRecord);
    }

    @Transactional
    public List<PolicyVersionRecord> newestFirst() {
        return PolicyVersionEntity.newestFirst().stream().map(PolicyVersionEntity::toRecord).toList();
    }

    /**
     * The lifecycle events (created, rejected, activated, retired, rolled back), newest first, at most
     * {@code limit}; only those of {@code version} when it is not null.
     */
    @Transactional
    public List<PolicyEventRecord> eventsNewestFirst(Long version, int limit) {
        var query = version == null ? PolicyEventEntity.<PolicyEventEntity>find("order by chainSeq desc")
                : PolicyEventEntity.<PolicyEventEntity>find("version = ?1 order by chainSeq desc", version);
        return query.page(0, limit).list().stream().map(PolicyEventEntity::toRecord).toList();
    }

    /** Stores a new version of the bundle in the given state, with its files. */
    @Transactional
    public PolicyVersionRecord create(PolicyBundle bundle, State state, String source, String actor, String errors) {
        // the lifecycle lock (the old chain head's row) serialises version numbers between replicas
        AuditChainHeadEntity.lockForAppend();
        Instant now = now();
        PolicyVersionEntity version = new PolicyVersionEntity();
        version.version = PolicyVersionEntity.nextVersion();
        version.hash = bundle.hash();
        version.state = state.name();
        version.source = source;
        version.createdBy = actor;
        version.createdAt = now;
        version.errors = errors;
        version.persist();
        bundle.files().forEach((path, content) -> {
            PolicyFileEntity file = new PolicyFileEntity();
            file.version = version.version;
            file.path = path;
            file.content = content;
            file.persist();
        });
        PolicyVersionEntity.flush();
        record(version.version, state == State.REJECTED ? "REJECTED" : "CREATED", actor,
                "source=" + source + " hash=" + bundle.hash());
        return version.toRecord();
    }

    /** Makes {@code version} the active one and retires the one it replaces, in one transaction. */
    @Transactional
    public PolicyVersionRecord activate(long version, String actor, String reason) {
        AuditChainHeadEntity.lockForAppend();
        return activate(version, actor, reason, ACTIVATED).toRecord();
    }

    /**
     * As {@link #activate(long, String, String)}, but only while {@code expectedActive} (null: none) is still the
     * active version; the chain head's row lock makes the look and the change one step for every replica.
     *
     * @throws ActiveVersionChangedException when another version became active meanwhile
     */
    @Transactional
    public PolicyVersionRecord activateReplacing(long version, Long expectedActive, String actor, String reason) {
        AuditChainHeadEntity.lockForAppend();
        Long actual = PolicyVersionEntity.active().map(v -> v.version).orElse(null);
        if (!java.util.Objects.equals(actual, expectedActive) && !java.util.Objects.equals(actual, version)) {
            throw new ActiveVersionChangedException(expectedActive, actual);
        }
        return activate(version, actor, reason, ACTIVATED).toRecord();
    }

    /** The version a rollback would make active now, if there is one; changes nothing. */
    @Transactional
    public Optional<Long> rollbackTarget() {
        Deque<Long> stack = activationStack();
        if (stack.size() < 2) {
            return Optional.empty();
        }
        stack.pop();
        return Optional.of(stack.peek());
    }

    /**
     * Makes the version that was active before the current one active again, in one transaction. The
     * activations form a stack: rolling back twice goes back two versions, not back and forth.
     *
     * @throws IllegalStateException when there is no earlier version to go back to
     */
    @Transactional
    public PolicyVersionRecord rollback(String actor) {
        return rollback(actor, null);
    }

    /**
     * As {@link #rollback(String)}, but only while {@code expectedFrom} is still the version being rolled back
     * (null: whatever is active): a rollback that waited must not undo an activation made meanwhile.
     *
     * @throws ActiveVersionChangedException when another version became active meanwhile
     */
    @Transactional
    public PolicyVersionRecord rollback(String actor, Long expectedFrom) {
        AuditChainHeadEntity.lockForAppend();
        Deque<Long> stack = activationStack();
        if (stack.size() < 2) {
            throw new IllegalStateException("there is no previously active version to roll back to");
        }
        long from = stack.pop();
        Long active = PolicyVersionEntity.active().map(v -> v.version).orElse(null);
        if (expectedFrom != null && (from != expectedFrom || !expectedFrom.equals(active))) {
            throw new ActiveVersionChangedException(expectedFrom, active);
        }
        long to = stack.peek();
        return activate(to, actor, "rollback from version " + from, ROLLED_BACK).toRecord();
    }

    /** The activations in order, replayed: an activation pushes its version, a rollback pops back to its own. */
    private Deque<Long> activationStack() {
        List<PolicyEventEntity> events = PolicyEventEntity.list(
                "action in ?1 order by chainSeq", List.of(ACTIVATED, ROLLED_BACK));
        Deque<Long> stack = new ArrayDeque<>();
        for (PolicyEventEntity event : events) {
            if (ROLLED_BACK.equals(event.action)) {
                if (!stack.isEmpty()) {
                    stack.pop();
                }
                if (stack.isEmpty() || stack.peek() != event.version) {
                    stack.push(event.version);
                }
            } else if (stack.isEmpty() || stack.peek() != event.version) {
                stack.push(event.version);
            }
        }
        return stack;
    }

    private PolicyVersionEntity activate(long version, String actor, String reason, String action) {
        PolicyVersionEntity target = PolicyVersionEntity.findById(version);
        if (target == null) {
            throw new IllegalArgumentException("policy version " + version + " does not exist");
        }
        if (State.REJECTED.name().equals(target.state)) {
            throw new IllegalStateException("policy version " + version + " was rejected and cannot be activated");
        }
        Optional<PolicyVersionEntity> previous = PolicyVersionEntity.active();
        if (previous.isPresent() && previous.get().version == version) {
            return target;
        }
        previous.ifPresent(p -> {
            p.state = State.RETIRED.name();
            PolicyVersionEntity.flush();
            record(p.version, "RETIRED", actor, "replaced by version " + version);
        });
        target.state = State.ACTIVE.name();
        target.activatedAt = now();
        PolicyVersionEntity.flush();
        record(version, action, actor, reason);
        // delivered to every replica's listener when, and only if, this transaction commits
        PolicyVersionEntity.getEntityManager()
                .createNativeQuery("NOTIFY " + CHANGES_CHANNEL + ", '" + version + "'").executeUpdate();
        return target;
    }

    /** An event of the lifecycle; an insert trigger queues it for the audit log in this transaction. */
    private void record(long version, String action, String actor, String detail) {
        // under the lifecycle lock, so events are numbered in the order they commit
        AuditChainHeadEntity.lockForAppend();
        PolicyEventEntity event = new PolicyEventEntity();
        event.chainSeq = ((Number) PolicyEventEntity.getEntityManager()
                .createNativeQuery("select nextval('audit_record_seq')").getSingleResult()).longValue();
        event.version = version;
        event.action = action;
        event.actor = actor;
        event.at = now();
        event.detail = detail;
        event.persist();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
