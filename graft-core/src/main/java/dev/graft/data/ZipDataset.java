package dev.graft.data;

import java.util.function.BiFunction;

/** Pairs the elements of two datasets; ends with the shorter one. */
final class ZipDataset<A, B, R> extends Dataset<R> {
  private final Dataset<A> left;
  private final Dataset<B> right;
  private final BiFunction<? super A, ? super B, ? extends R> combine;

  ZipDataset(Dataset<A> left, Dataset<B> right, BiFunction<? super A, ? super B, ? extends R> fn) {
    this.left = left;
    this.right = right;
    this.combine = fn;
  }

  @Override
  public DatasetIterator<R> iterator() {
    DatasetIterator<A> a = left.iterator();
    DatasetIterator<B> b = right.iterator();
    return new PassIterator<>() {
      @Override
      protected R compute() {
        return a.hasNext() && b.hasNext() ? combine.apply(a.next(), b.next()) : null;
      }

      @Override
      protected void release() {
        try {
          a.close();
        } finally {
          b.close();
        }
      }
    };
  }

  @Override
  public long cardinality() {
    long a = left.cardinality();
    long b = right.cardinality();
    if (a == UNKNOWN_CARDINALITY || b == UNKNOWN_CARDINALITY) {
      return UNKNOWN_CARDINALITY;
    }
    if (a == INFINITE_CARDINALITY) {
      return b;
    }
    return b == INFINITE_CARDINALITY ? a : Math.min(a, b);
  }
}
