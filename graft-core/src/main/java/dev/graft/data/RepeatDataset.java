package dev.graft.data;

/** Runs the input {@code count} times ({@code -1}: forever), restarting its pass each time. */
final class RepeatDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final long count;

  RepeatDataset(Dataset<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public DatasetIterator<T> iterator() {
    return new PassIterator<>() {
      private DatasetIterator<T> in;
      private long passes;

      @Override
      protected T compute() {
        while (true) {
          if (in == null) {
            if (count >= 0 && passes >= count) {
              return null;
            }
            in = input.iterator();
            passes++;
            if (!in.hasNext()) {
              in.close();
              return null; // an empty input repeated is still empty
            }
          }
          if (in.hasNext()) {
            return in.next();
          }
          in.close();
          in = null;
        }
      }

      @Override
      protected void release() {
        if (in != null) {
          in.close();
        }
      }
    };
  }

  @Override
  public long cardinality() {
    long c = input.cardinality();
    if (c == 0 || count == 0) {
      return 0;
    }
    if (c == UNKNOWN_CARDINALITY) {
      return c;
    }
    if (count < 0 || c == INFINITE_CARDINALITY) {
      return INFINITE_CARDINALITY;
    }
    return c * count;
  }
}
