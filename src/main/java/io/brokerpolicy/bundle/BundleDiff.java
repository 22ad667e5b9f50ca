package io.brokerpolicy.bundle;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;
import java.util.TreeSet;

/** A unified diff between two bundles, file by file in path order, as {@code git diff} would print it. */
public final class BundleDiff {

    private static final int CONTEXT_LINES = 3;

    private BundleDiff() {
    }

    public static String between(PolicyBundle from, long fromVersion, PolicyBundle to, long toVersion) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        for (String path : paths) {
            String before = from.files().get(path);
            String after = to.files().get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            List<String> a = before == null ? List.of() : before.lines().toList();
            List<String> b = after == null ? List.of() : after.lines().toList();
            String nameA = before == null ? "/dev/null" : "a/" + path + "\t(version " + fromVersion + ")";
            String nameB = after == null ? "/dev/null" : "b/" + path + "\t(version " + toVersion + ")";
            List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(nameA, nameB, a, DiffUtils.diff(a, b), CONTEXT_LINES);
            if (lines.isEmpty()) {
                // same lines, different line endings or final newline: still a change of the bundle
                out.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n')
                        .append("@@ whitespace or line endings differ @@\n");
            }
            for (String line : lines) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
