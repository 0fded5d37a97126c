package dev.graft.data;

/** The first {@code count} elements ({@code -1}: all of them). */
final class TakeDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final long count;

  TakeDataset(Dataset<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public DatasetIterator<T> iterator() {
    if (count == 0) {
      return new IndexedDataset<T>(0, i -> null).iterator();
    }
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      private long taken;

      @Override
      protected T compute() {
        if ((count >= 0 && taken >= count) || !in.hasNext()) {
          return null;
        }
        taken++;
        return in.next();
      }

      @Override
      protected void release() {
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    long c = input.cardinality();
    if (count < 0) {
      return c;
    }
    if (c == INFINITE_CARDINALITY) {
      return count;
    }
    return c == UNKNOWN_CARDINALITY ? c : Math.min(c, count);
  }
}
