package io.brokerpolicy.persistence;

/**
 * An activation or rollback was asked for on the strength of one active version, and another became active
 * before it could be carried out (through the API, a saved file or another replica). Nothing was changed: the
 * caller looks again and decides.
 */
public class ActiveVersionChangedException extends RuntimeException {

    public ActiveVersionChangedException(Long expected, Long actual) {
        super("the active policy version changed from " + describe(expected) + " to " + describe(actual)
                + " while the request was being prepared; nothing was changed, look at the versions again");
    }

    private static String describe(Long version) {
        return version == null ? "none" : String.valueOf(version);
    }
}
