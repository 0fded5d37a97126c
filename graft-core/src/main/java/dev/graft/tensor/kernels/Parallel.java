package dev.graft.tensor.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fixed pool of worker threads every kernel uses. Work is split into contiguous, equal ranges
 * decided only by the range and the thread count, so results are deterministic for a given thread
 * count. The size is the number of processors, or the system property {@code graft.threads}. A
 * kernel called from inside a parallel range runs on the calling thread.
 */
public final class Parallel {
  /** A body that processes {@code [start, end)}. */
  @FunctionalInterface
  public interface Range {
    void run(int start, int end);
  }

  private static final int THREADS = configuredThreads();
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
  private static final java.util.concurrent.ExecutorService POOL =
      java.util.concurrent.Executors.newFixedThreadPool(
          Math.max(1, THREADS - 1),
          r -> {
            Thread t = new Thread(r, "graft-worker");
            t.setDaemon(true);
            return t;
          });

  private Parallel() {}

  /** The number of threads kernels split work over. */
  public static int threads() {
    return THREADS;
  }

  private static int configuredThreads() {
    String s = System.getProperty("graft.threads");
    if (s == null || s.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(s.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "graft.threads must be a positive integer, got '"
            + s
            + "'; unset it to use all processors");
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} ranges, none
   * shorter than {@code minChunk} (so small jobs stay on one thread). Returns when all are done;
   * the first exception thrown by a range is rethrown.
   */
  public static void forRange(int n, int minChunk, Range body) {
    int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, minChunk)));
    if (chunks <= 1 || INSIDE.get()) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    CountDownLatch done = new CountDownLatch(chunks - 1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int c = 1; c < chunks; c++) {
      int start = (int) ((long) n * c / chunks);
      int end = (int) ((long) n * (c + 1) / chunks);
      POOL.execute(
          () -> {
            INSIDE.set(true);
            try {
              body.run(start, end);
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              INSIDE.set(false);
              done.countDown();
            }
          });
    }
    INSIDE.set(true);
    try {
      body.run(0, (int) ((long) n / chunks));
    } catch (Throwable t) {
      // Rethrown below, once the other ranges are done writing into the caller's arrays.
      failure.compareAndSet(null, t);
    } finally {
      INSIDE.set(false);
    }
    awaitUninterruptibly(done);
    Throwable t = failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Waits for the workers even if interrupted (they write into the caller's arrays), then re-sets
   * the flag.
   */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
