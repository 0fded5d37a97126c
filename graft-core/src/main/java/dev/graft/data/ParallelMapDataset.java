package dev.graft.data;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Applies a function on {@code parallelism} daemon worker threads of its own, keeping the input
 * order: up to {@code 2 * parallelism} elements are in flight and results are handed out in
 * sequence. The workers end with the pass, on {@code close()}, or when an abandoned iterator is
 * garbage collected.
 */
final class ParallelMapDataset<T, R> extends Dataset<R> {
  private final Dataset<T> input;
  private final Function<? super T, ? extends R> fn;
  private final int parallelism;

  ParallelMapDataset(Dataset<T> input, Function<? super T, ? extends R> fn, int parallelism) {
    this.input = input;
    this.fn = fn;
    this.parallelism = parallelism;
  }

  @Override
  public DatasetIterator<R> iterator() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ThreadFactory daemons = Workers.daemonFactory("map");
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = daemons.newThread(r);
              threads.add(t);
              return t;
            });
    DatasetIterator<T> in = input.iterator();
    PassIterator<R> it =
        new PassIterator<>() {
          private final ArrayDeque<Future<? extends R>> pending = new ArrayDeque<>();

          @Override
          protected R compute() {
            while (pending.size() < 2 * parallelism && in.hasNext()) {
              T t = in.next();
              pending.add(pool.submit(() -> fn.apply(t)));
            }
            Future<? extends R> head = pending.poll();
            if (head == null) {
              return null;
            }
            try {
              R out = head.get();
              if (out == null) {
                throw new NullPointerException(
                    "map: the function returned null; elements cannot be null");
              }
              return out;
            } catch (ExecutionException e) {
              throw Workers.rethrow(e.getCause());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while waiting for map results", e);
            }
          }

          @Override
          protected void release() {
            for (Future<?> f : pending) {
              f.cancel(true);
            }
            pending.clear();
            pool.shutdownNow();
            try {
              for (Thread t : threads) {
                Workers.join(t, 10_000); // no worker is alive when close() returns
              }
            } finally {
              in.close();
            }
          }
        };
    Workers.CLEANER.register(it, pool::shutdownNow);
    return it;
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
