package io.brokerpolicy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One file of a stored policy version, exactly as it was. */
@Entity
@Table(name = "policy_file")
@IdClass(PolicyFileEntity.Key.class)
public class PolicyFileEntity extends PanacheEntityBase {

    @Id
    public long version;
    @Id
    public String path;
    @Column(nullable = false)
    public String content;

    public static Map<String, String> filesOf(long version) {
        List<PolicyFileEntity> files = list("version = ?1 order by path", version);
        Map<String, String> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path, f.content));
        return byPath;
    }

    public static class Key implements Serializable {
        public long version;
        public String path;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.path, path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, path);
        }
    }
}
