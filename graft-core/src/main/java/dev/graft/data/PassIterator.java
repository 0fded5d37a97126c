package dev.graft.data;

import java.util.NoSuchElementException;

/**
 * Base of the pipeline's iterators: subclasses compute the next element or report the end, and
 * close whatever they hold. Elements must not be null.
 */
abstract class PassIterator<T> implements DatasetIterator<T> {
  private T next;
  private boolean done;

  /** The next element, or null at the end of the pass. */
  protected abstract T compute();

  /** Releases what this pass holds (upstream iterators, threads). */
  protected abstract void release();

  @Override
  public final boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    next = compute();
    if (next == null) {
      done = true;
      release();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the dataset pass has ended");
    }
    T out = next;
    next = null;
    return out;
  }

  @Override
  public final void close() {
    done = true;
    next = null;
    release();
  }
}
