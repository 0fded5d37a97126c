package dev.graft.data;

/** Splits each element along axis 0 into its rows. */
final class UnbatchDataset<T> extends Dataset<T> {
  private final Dataset<T> input;

  UnbatchDataset(Dataset<T> input) {
    this.input = input;
  }

  @Override
  public DatasetIterator<T> iterator() {
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      private T current;
      private int rows;
      private int i;

      @Override
      protected T compute() {
        while (i >= rows) {
          if (!in.hasNext()) {
            return null;
          }
          current = in.next();
          rows = Elements.rows(current);
          i = 0;
        }
        return Elements.row(current, i++);
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
    return c == INFINITE_CARDINALITY ? c : c == 0 ? 0 : UNKNOWN_CARDINALITY;
  }
}
