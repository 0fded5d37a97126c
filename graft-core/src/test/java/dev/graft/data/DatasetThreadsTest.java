package dev.graft.data;

import static dev.graft.data.DatasetTestSupport.list;
import static dev.graft.data.DatasetTestSupport.range;
import static dev.graft.data.DatasetTestSupport.workerThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatasetThreadsTest {
  @Test
  void parallelMapRunsConcurrently() {
    int parallelism = 3;
    CountDownLatch allStarted = new CountDownLatch(parallelism);
    Dataset<Integer> ds =
        range(6)
            .map(
                i -> {
                  allStarted.countDown();
                  try {
                    // passes only if `parallelism` calls are running at the same time
                    if (!allStarted.await(30, TimeUnit.SECONDS)) {
                      throw new IllegalStateException("calls did not overlap");
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return i + 100;
                },
                parallelism);
    assertEquals(List.of(100, 101, 102, 103, 104, 105), list(ds));
    assertEquals(0, workerThreads());
  }

  @Test
  void parallelMapRethrowsAndStops() {
    Dataset<Integer> ds =
        range(10)
            .map(
                i -> {
                  if (i == 4) {
                    throw new ArithmeticException("boom at 4");
                  }
                  return i;
                },
                2);
    try (DatasetIterator<Integer> it = ds.iterator()) {
      for (int i = 0; i < 4; i++) {
        assertEquals(i, it.next());
      }
      ArithmeticException e = assertThrows(ArithmeticException.class, it::next);
      assertEquals("boom at 4", e.getMessage());
    }
    assertEquals(0, workerThreads());
  }

  @Test
  void prefetchGivesTheSameElementsAndEndsItsThread() {
    Dataset<Integer> ds = range(100).map(i -> i * 2).prefetch(3);
    assertEquals(list(range(100).map(i -> i * 2)), list(ds));
    assertEquals(list(range(100).map(i -> i * 2)), list(ds));
    awaitNoWorkers();
  }

  @Test
  void prefetchRethrowsTheProducersError() {
    Dataset<Integer> ds =
        range(5)
            .map(
                i -> {
                  if (i == 3) {
                    throw new IllegalStateException("bad element 3");
                  }
                  return i;
                })
            .prefetch(2);
    try (DatasetIterator<Integer> it = ds.iterator()) {
      assertEquals(0, it.next());
      assertEquals(1, it.next());
      assertEquals(2, it.next());
      IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
      assertEquals("bad element 3", e.getMessage());
    }
    awaitNoWorkers();
  }

  @Test
  void closingAnEndlessPrefetchEndsItsThreads() {
    AtomicInteger produced = new AtomicInteger();
    Dataset<Integer> ds =
        range(3).repeat().map(i -> produced.incrementAndGet(), 2).prefetch(2).prefetch(1);
    try (DatasetIterator<Integer> it = ds.iterator()) {
      for (int i = 0; i < 10; i++) {
        it.next();
      }
      assertTrue(workerThreads() >= 3, "two prefetch threads and map workers while iterating");
    }
    assertEquals(0, workerThreads(), "close() joins the workers");
  }

  @Test
  void anAbandonedPassReleasesItsThreadsOnceCollected() throws InterruptedException {
    abandon(range(5).repeat().prefetch(2));
    abandon(range(5).repeat().map(i -> i, 2));
    for (int i = 0; i < 200 && workerThreads() > 0; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertEquals(0, workerThreads(), "an unreachable iterator's workers are ended by the cleaner");
  }

  private static void abandon(Dataset<Integer> ds) {
    DatasetIterator<Integer> it = ds.iterator();
    it.next();
    it.next();
  }

  /** A pass that ran to its end lets its producer finish; it exits right after its last put. */
  private static void awaitNoWorkers() {
    for (int i = 0; i < 1000 && workerThreads() > 0; i++) {
      Thread.onSpinWait();
      Thread.yield();
    }
    try {
      for (int i = 0; i < 100 && workerThreads() > 0; i++) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(0, workerThreads());
  }
}
