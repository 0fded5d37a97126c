package dev.graft.training;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Arrays of samples (axis 0) cut into batches, as Keras's array data adapter. */
final class ArrayData {
  private final Tensor x;
  private final Tensor y;
  private final Tensor sampleWeight;

  ArrayData(Tensor x, Tensor y, Tensor sampleWeight) {
    Batch.of(x, y); // same batch size
    if (sampleWeight != null && !sampleWeight.shape().equals(dev.graft.tensor.Shape.of(size(x)))) {
      throw new IllegalArgumentException(
          "fit: sampleWeight must have shape ("
              + size(x)
              + "), one weight per sample, got "
              + sampleWeight.shape());
    }
    this.x = x;
    this.y = y;
    this.sampleWeight = sampleWeight;
  }

  private static int size(Tensor t) {
    if (t.rank() == 0) {
      throw new IllegalArgumentException("fit: x must have a batch axis, got a scalar");
    }
    return t.shape().dim(0);
  }

  int size() {
    return size(x);
  }

  /**
   * {@code [train, validation]}: the first {@code floor(n * (1 - fraction))} samples and the rest,
   * in their original order (Keras's {@code train_validation_split}).
   */
  ArrayData[] split(double fraction) {
    int n = size();
    int at = (int) Math.floor(n * (1.0 - fraction));
    if (at == 0 || at == n) {
      throw new IllegalArgumentException(
          "fit: the training data has "
              + n
              + " samples, too few to split with validationSplit="
              + fraction
              + "; give more data or another fraction");
    }
    return new ArrayData[] {range(0, at), range(at, n)};
  }

  private ArrayData range(int from, int to) {
    return new ArrayData(rows(x, from, to), rows(y, from, to), rows(sampleWeight, from, to));
  }

  private static Tensor rows(Tensor t, int from, int to) {
    if (t == null) {
      return null;
    }
    int[] begin = new int[t.rank()];
    begin[0] = from;
    int[] sizes = t.shape().dims();
    sizes[0] = to - from;
    return Ops.slice(t, begin, sizes);
  }

  /**
   * This data with sample weights taken from {@code classWeight} by each sample's class: the label
   * itself, or the arg-max of a one-hot row (Keras's {@code class_weight_to_sample_weights}).
   */
  ArrayData withClassWeight(Map<Integer, Double> classWeight) {
    return new ArrayData(x, y, classWeights(y, classWeight));
  }

  static Tensor classWeights(Tensor y, Map<Integer, Double> classWeight) {
    Tensor labels = y;
    if (y.rank() == 2 && y.shape().dim(1) > 1) {
      labels = Ops.argmax(y, 1);
    }
    float[] l = labels.toFloatArray();
    int n = y.shape().dim(0);
    if (l.length != n) {
      throw new IllegalArgumentException(
          "classWeight: needs one label per sample (shape (n), (n, 1) or one-hot (n, classes)), got"
              + " y of shape "
              + y.shape());
    }
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      int c = Math.round(l[i]);
      Double cw = classWeight.get(c);
      w[i] = cw == null ? 1f : cw.floatValue();
    }
    return Tensor.of(w, n);
  }

  /** The batches in order. */
  List<Batch> batches(int batchSize) {
    return batches(batchSize, null);
  }

  /** The batches of one epoch, in an order shuffled by {@code rng} (null: in order). */
  List<Batch> batches(int batchSize, Rng rng) {
    int n = size();
    List<Batch> out = new ArrayList<>();
    if (rng == null) {
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        out.add(new Batch(rows(x, from, to), rows(y, from, to), rows(sampleWeight, from, to)));
      }
      return out;
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      float[] idx = new float[to - from];
      for (int i = from; i < to; i++) {
        idx[i - from] = perm[i];
      }
      Tensor ix = Tensor.of(idx, idx.length);
      out.add(new Batch(pick(x, ix), pick(y, ix), pick(sampleWeight, ix)));
    }
    return out;
  }

  private static Tensor pick(Tensor t, Tensor indices) {
    return t == null ? null : Ops.gather(t, indices, 0);
  }
}
