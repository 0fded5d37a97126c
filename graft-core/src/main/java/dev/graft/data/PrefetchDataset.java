package dev.graft.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the input on a background daemon thread that stays up to {@code bufferSize} elements ahead,
 * through a bounded queue. A failure of the input is rethrown to the consumer when it reaches that
 * point. The thread ends when the input ends, when the iterator is closed, or when an abandoned
 * iterator is garbage collected.
 */
final class PrefetchDataset<T> extends Dataset<T> {
  private static final Object END = new Object();

  private final Dataset<T> input;
  private final int bufferSize;

  PrefetchDataset(Dataset<T> input, int bufferSize) {
    this.input = input;
    this.bufferSize = bufferSize;
  }

  private record Failure(Throwable error) {}

  /** What the producer and the consumer share; it must not refer to the consumer's iterator. */
  private static final class Channel implements Runnable {
    final BlockingQueue<Object> queue;
    volatile boolean closed;
    Thread thread;

    Channel(int capacity) {
      queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Puts unless closed; false once closed. */
    boolean put(Object item) throws InterruptedException {
      while (!closed) {
        if (queue.offer(item, 20, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void run() { // the cleaning action: ends the producer
      closed = true;
      thread.interrupt();
    }
  }

  @Override
  public DatasetIterator<T> iterator() {
    Channel ch = new Channel(bufferSize);
    Dataset<T> source = input;
    ch.thread =
        Workers.daemonFactory("prefetch")
            .newThread(
                () -> {
                  DatasetIterator<T> in = null;
                  try {
                    in = source.iterator();
                    while (!ch.closed && in.hasNext()) {
                      if (!ch.put(in.next())) {
                        return;
                      }
                    }
                    ch.put(END);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Throwable t) { // handed to the consumer
                    try {
                      ch.put(new Failure(t));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  } finally {
                    if (in != null) {
                      in.close();
                    }
                  }
                });
    PassIterator<T> it =
        new PassIterator<>() {
          @Override
          @SuppressWarnings("unchecked")
          protected T compute() {
            Object item;
            try {
              item = ch.queue.take();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while waiting for prefetched data", e);
            }
            if (item == END) {
              return null;
            }
            if (item instanceof Failure f) {
              throw Workers.rethrow(f.error());
            }
            return (T) item;
          }

          @Override
          protected void release() {
            ch.run();
            Workers.join(ch.thread, 10_000);
          }
        };
    Workers.CLEANER.register(it, ch);
    ch.thread.start();
    return it;
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
