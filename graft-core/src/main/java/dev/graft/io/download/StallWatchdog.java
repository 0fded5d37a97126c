package dev.graft.io.download;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream when no data has arrived for a while. {@link java.net.http.HttpClient}'s request
 * timeout ends when the headers arrive; a body that stops mid-way would otherwise block a read
 * forever. Closing the body stream makes the blocked read throw.
 */
final class StallWatchdog implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final long timeoutNanos;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean fired;

  StallWatchdog(Duration timeout, Closeable stream) {
    this.timeoutNanos = timeout.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "graft-download-watchdog");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, Math.min(timeoutNanos / 4, 1_000_000_000L));
    timer.scheduleAtFixedRate(
        () -> {
          if (!fired && System.nanoTime() - lastProgress > timeoutNanos) {
            fired = true;
            try {
              stream.close();
            } catch (IOException e) {
              // The read that was waiting fails either way.
            }
          }
        },
        period,
        period,
        TimeUnit.NANOSECONDS);
  }

  /** Notes that data arrived. */
  void progressed() {
    lastProgress = System.nanoTime();
  }

  /** Whether the stream was closed for lack of data. */
  boolean fired() {
    return fired;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
