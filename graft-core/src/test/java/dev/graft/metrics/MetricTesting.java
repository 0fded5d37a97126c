package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;

/** Helpers shared by the metric tests: tensors from arrays, and feeding data in random batches. */
final class MetricTesting {
  private MetricTesting() {}

  static Tensor t(float[] values, int... shape) {
    return Tensor.of(values.clone(), shape);
  }

  static Tensor col(float... values) {
    return Tensor.of(values.clone(), values.length, 1);
  }

  static Tensor rows(float[][] rows) {
    int cols = rows[0].length;
    float[] data = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, data, r * cols, cols);
    }
    return Tensor.of(data, rows.length, cols);
  }

  /** Rows {@code [from, to)} of a tensor whose first axis is the batch. */
  static Tensor batch(Tensor x, int from, int to) {
    int[] dims = x.shape().dims();
    int per = x.size() / dims[0];
    float[] data = Arrays.copyOfRange(x.toFloatArray(), from * per, to * per);
    dims[0] = to - from;
    return Tensor.of(data, dims);
  }

  /**
   * Feeds {@code (y, p, w)} to {@code m} in batches of random sizes (w may be null) and returns the
   * result.
   */
  static double inBatches(Metric m, Tensor y, Tensor p, Tensor w, Random rnd) {
    m.reset();
    int n = p.shape().dim(0);
    int from = 0;
    while (from < n) {
      int to = Math.min(n, from + 1 + rnd.nextInt(Math.max(1, n / 3)));
      m.update(batch(y, from, to), batch(p, from, to), w == null ? null : batch(w, from, to));
      from = to;
    }
    return m.result();
  }

  static float[] uniform(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextFloat();
    }
    return x;
  }

  static float[] labels(Random rnd, int n, int classes) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextInt(classes);
    }
    return x;
  }
}
