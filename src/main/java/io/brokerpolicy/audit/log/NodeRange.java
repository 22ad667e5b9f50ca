package io.brokerpolicy.audit.log;

import java.util.List;

/** The leaves [start, end) of the log, whose RFC 9162 hash is one element of a proof. */
public record NodeRange(long start, long end) {

    public NodeRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
        }
    }

    /** The perfect subtrees whose fold is this range's hash. */
    public List<NodeId> nodes() {
        return NodeId.rangeNodes(start, end);
    }
}
