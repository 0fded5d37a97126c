package dev.graft.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * tf.data's buffered shuffle: a buffer holds up to {@code bufferSize} elements; each step emits a
 * uniformly chosen buffered element and puts the next input element in its place. A buffer of 1
 * keeps the order; a buffer at least as large as the input gives a uniform permutation.
 */
final class ShuffleDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final int bufferSize;
  private final long seed;
  private final boolean reshuffleEachIteration;
  private long passes;

  ShuffleDataset(Dataset<T> input, int bufferSize, long seed, boolean reshuffleEachIteration) {
    this.input = input;
    this.bufferSize = bufferSize;
    this.seed = seed;
    this.reshuffleEachIteration = reshuffleEachIteration;
  }

  @Override
  public DatasetIterator<T> iterator() {
    long pass;
    synchronized (this) {
      pass = reshuffleEachIteration ? passes++ : 0;
    }
    SplittableRandom rng = new SplittableRandom(seed ^ (pass * 0x9E3779B97F4A7C15L));
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      private final List<T> buffer = new ArrayList<>();

      @Override
      protected T compute() {
        while (buffer.size() < bufferSize && in.hasNext()) {
          buffer.add(in.next());
        }
        if (buffer.isEmpty()) {
          return null;
        }
        int i = rng.nextInt(buffer.size());
        T out = buffer.get(i);
        if (in.hasNext()) {
          buffer.set(i, in.next());
        } else {
          buffer.set(i, buffer.get(buffer.size() - 1));
          buffer.remove(buffer.size() - 1);
        }
        return out;
      }

      @Override
      protected void release() {
        buffer.clear();
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
