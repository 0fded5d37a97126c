package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void aFailingCallerRangeStillWaitsForTheOtherRanges() {
    assumeTrue(Parallel.threads() > 1, "needs more than one kernel thread");
    AtomicInteger finished = new AtomicInteger();
    int n = Parallel.threads() * 4;
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Parallel.forRange(
                    n,
                    1,
                    (start, end) -> {
                      if (start == 0) {
                        throw new IllegalStateException("range 0 failed");
                      }
                      try {
                        Thread.sleep(200);
                      } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                      }
                      finished.incrementAndGet();
                    }));
    assertEquals("range 0 failed", e.getMessage());
    // forRange must not return while worker ranges still write into the caller's arrays.
    assertEquals(Parallel.threads() - 1, finished.get());
  }
}
