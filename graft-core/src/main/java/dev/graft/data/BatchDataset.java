package dev.graft.data;

import java.util.ArrayList;
import java.util.List;

/** Groups consecutive elements and stacks each group along a new axis 0. */
final class BatchDataset<T> extends Dataset<T> {
  private final Dataset<T> input;
  private final int size;
  private final boolean dropRemainder;

  BatchDataset(Dataset<T> input, int size, boolean dropRemainder) {
    this.input = input;
    this.size = size;
    this.dropRemainder = dropRemainder;
  }

  @Override
  public DatasetIterator<T> iterator() {
    DatasetIterator<T> in = input.iterator();
    return new PassIterator<>() {
      @Override
      protected T compute() {
        List<T> group = new ArrayList<>(size);
        while (group.size() < size && in.hasNext()) {
          group.add(in.next());
        }
        if (group.isEmpty() || (dropRemainder && group.size() < size)) {
          return null;
        }
        return Elements.stack(group);
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
      return c;
    }
    return dropRemainder ? c / size : (c + size - 1) / size;
  }
}
