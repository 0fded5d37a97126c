package dev.graft.data;

import java.util.function.Predicate;

/** Keeps the elements that satisfy a predicate. */
final class FilterDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final Predicate<? super T> keep;

  FilterDataset(Dataset<T> input, Predicate<? super T> keep) {
    this.input = input;
    this.keep = keep;
  }

  @Override
  public DatasetIterator<T> iterator() {
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      @Override
      protected T compute() {
        while (in.hasNext()) {
          T t = in.next();
          if (keep.test(t)) {
            return t;
          }
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
    return UNKNOWN_CARDINALITY;
  }
}
