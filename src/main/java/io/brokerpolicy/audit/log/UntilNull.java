package io.brokerpolicy.audit.log;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * An iterator over what a source hands out until it hands out null. The next element is read one step
 * ahead, so a source backed by a database cursor or a filter answers {@code hasNext} without side effects.
 */
public final class UntilNull<T> implements Iterator<T> {

    private final Supplier<T> source;
    private T next;

    private UntilNull(Supplier<T> source) {
        this.source = source;
        this.next = source.get();
    }

    public static <T> Iterator<T> of(Supplier<T> source) {
        return new UntilNull<>(source);
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public T next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        T taken = next;
        next = source.get();
        return taken;
    }
}
