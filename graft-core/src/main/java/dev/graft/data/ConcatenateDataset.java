package dev.graft.data;

/** The elements of one dataset, then those of another. */
final class ConcatenateDataset<T> extends Dataset<T> {
  private final Dataset<T> first;
  private final Dataset<? extends T> second;

  ConcatenateDataset(Dataset<T> first, Dataset<? extends T> second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public DatasetIterator<T> iterator() {
    return new PassIterator<>() {
      private DatasetIterator<? extends T> in = first.iterator();
      private boolean onSecond;

      @Override
      protected T compute() {
        if (in.hasNext()) {
          return in.next();
        }
        if (onSecond) {
          return null;
        }
        in.close();
        onSecond = true;
        in = second.iterator();
        return in.hasNext() ? in.next() : null;
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    long a = first.cardinality();
    long b = second.cardinality();
    if (a == INFINITE_CARDINALITY || b == INFINITE_CARDINALITY) {
      return INFINITE_CARDINALITY;
    }
    return a < 0 || b < 0 ? UNKNOWN_CARDINALITY : a + b;
  }
}
