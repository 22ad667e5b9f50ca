package io.brokerpolicy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The snapshots stored with the newest verdicts: the input a simulation replays. */
@ApplicationScoped
public class SnapshotHistory {

    /** One stored input snapshot, as the exact JSON that was evaluated. */
    public record StoredSnapshot(String snapshotId, String accountId, String json) {
    }

    @Transactional
    public List<StoredSnapshot> newest(int count) {
        return VerdictEntity.getEntityManager()
                .createQuery("select v.snapshotId, v.accountId, v.snapshot from VerdictEntity v order by v.chainSeq desc",
                        Object[].class)
                .setMaxResults(count)
                .getResultStream()
                .map(row -> new StoredSnapshot((String) row[0], (String) row[1], (String) row[2]))
                .toList();
    }
}
