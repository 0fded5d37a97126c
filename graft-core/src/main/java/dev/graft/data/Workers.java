package dev.graft.data;

import java.lang.ref.Cleaner;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the pipeline: daemon threads named {@code graft-data-...}, and a cleaner that ends the
 * workers of an iterator that was abandoned without {@code close()}.
 */
final class Workers {
  /** Prefix of the name of every thread the pipeline starts. */
  static final String THREAD_PREFIX = "graft-data-";

  private static final AtomicInteger COUNT = new AtomicInteger(); // before CLEANER uses it

  static final Cleaner CLEANER = Cleaner.create(daemonFactory("cleaner"));

  private Workers() {}

  static ThreadFactory daemonFactory(String role) {
    return r -> {
      Thread t = new Thread(r, THREAD_PREFIX + role + "-" + COUNT.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Waits up to {@code millis} for {@code t} to end, even if this thread is interrupted (a closing
   * consumer is often interrupted itself); the interrupt status is kept.
   */
  static void join(Thread t, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    boolean interrupted = false;
    while (t.isAlive()) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rethrows a worker's failure on the consumer's thread. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("a dataset worker failed: " + t, t);
  }
}
