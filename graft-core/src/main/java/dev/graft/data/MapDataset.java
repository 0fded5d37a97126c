package dev.graft.data;

import java.util.function.Function;

/** Applies a function to each element on the consumer's thread. */
final class MapDataset<T, R> extends Dataset<R> {
  private final Dataset<T> input;
  private final Function<? super T, ? extends R> fn;

  MapDataset(Dataset<T> input, Function<? super T, ? extends R> fn) {
    this.input = input;
    this.fn = fn;
  }

  @Override
  public DatasetIterator<R> iterator() {
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      @Override
      protected R compute() {
        if (!in.hasNext()) {
          return null;
        }
        R out = fn.apply(in.next());
        if (out == null) {
          throw new NullPointerException(
              "map: the function returned null; elements cannot be null");
        }
        return out;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
