package dev.graft.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the input's elements: the first pass that runs to its end fills the cache and later
 * passes replay it without touching the input. A pass that ends early leaves no cache behind.
 */
final class MemoryCacheDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private volatile List<T> cached;

  MemoryCacheDataset(Dataset<T> input) {
    this.input = input;
  }

  @Override
  public DatasetIterator<T> iterator() {
    List<T> done = cached;
    if (done != null) {
      return new IndexedDataset<>(done.size(), done::get).iterator();
    }
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      private final List<T> filling = new ArrayList<>();

      @Override
      protected T compute() {
        if (in.hasNext()) {
          T t = in.next();
          filling.add(t);
          return t;
        }
        if (cached == null) {
          cached = List.copyOf(filling);
        }
        return null;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    List<T> done = cached;
    return done != null ? done.size() : input.cardinality();
  }
}
