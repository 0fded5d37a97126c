package dev.graft.data;

import java.util.Iterator;

/**
 * An iterator over one pass of a {@link Dataset}. Closing it ends the pass: worker threads started
 * for it (by {@link Dataset#prefetch} or a parallel {@link Dataset#map(java.util.function.Function,
 * int)}) stop, and the upstream iterators are closed too. Closing twice is harmless.
 *
 * <p>Use it in try-with-resources when a pass may end early. A pass that runs to its end releases
 * its threads by itself, and a pass that is abandoned without {@code close()} releases them once
 * the iterator becomes unreachable and is garbage collected.
 */
public interface DatasetIterator<T> extends Iterator<T>, AutoCloseable {
  /** Ends this pass and releases its threads; never throws a checked exception. */
  @Override
  void close();
}
