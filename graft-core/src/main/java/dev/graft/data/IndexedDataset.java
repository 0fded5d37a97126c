package dev.graft.data;

import java.util.function.IntFunction;

/** Elements {@code get(0)} ... {@code get(n - 1)}: the source of fromList and fromTensors. */
final class IndexedDataset<T> extends Dataset<T> {
  private final int n;
  private final IntFunction<T> get;

  IndexedDataset(int n, IntFunction<T> get) {
    this.n = n;
    this.get = get;
  }

  @Override
  public DatasetIterator<T> iterator() {
    return new PassIterator<>() {
      private int i;

      @Override
      protected T compute() {
        return i < n ? get.apply(i++) : null;
      }

      @Override
      protected void release() {}
    };
  }

  @Override
  public long cardinality() {
    return n;
  }
}
