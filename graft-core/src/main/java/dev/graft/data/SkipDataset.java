package dev.graft.data;

/** All but the first {@code count} elements ({@code -1}: skips all of them). */
final class SkipDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final long count;

  SkipDataset(Dataset<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public DatasetIterator<T> iterator() {
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      private boolean skipped;

      @Override
      protected T compute() {
        if (!skipped) {
          skipped = true;
          for (long i = 0; count < 0 || i < count; i++) {
            if (!in.hasNext()) {
              return null;
            }
            in.next();
          }
        }
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
    long c = input.cardinality();
    if (c < 0) {
      return count < 0 && c == INFINITE_CARDINALITY ? 0 : c;
    }
    return count < 0 ? 0 : Math.max(0, c - count);
  }
}
