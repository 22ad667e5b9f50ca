package io.brokerpolicy.engine;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the policies of a bundle declare that its rules may refer to by name: the decimal parameters read as
 * {@code $terms.param("name")}.
 */
public record RuleContext(SortedSet<String> parameters) {

    public RuleContext {
        parameters = new TreeSet<>(parameters);
    }

    public static RuleContext empty() {
        return new RuleContext(new TreeSet<>());
    }

    public static RuleContext of(Set<String> parameters) {
        return new RuleContext(new TreeSet<>(parameters));
    }
}
