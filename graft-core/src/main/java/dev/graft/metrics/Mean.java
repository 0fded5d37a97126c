package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * The weighted mean of values, as Keras's {@code keras.metrics.Mean}; named {@code mean} unless
 * given another name. Sums are kept in double.
 *
 * <pre>{@code
 * Mean m = new Mean();
 * m.update(Tensor.vector(1, 3, 5, 7), null);                       // result() == 4
 * m.reset();
 * m.update(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0));  // result() == 2
 * }</pre>
 *
 * <p>Values of rank 2 or more are first averaged per sample over their trailing axes, so a batch of
 * {@code n} samples counts {@code n} (or the sum of the per-sample weights) whatever the shape of
 * each sample. With weights, Keras's rules apply: the ranks of values and weights are aligned as
 * for losses, the values are averaged down to the weights' rank, the weights are broadcast to them,
 * and the divisor is the sum of the (per-sample averaged) weights. A scalar weight {@code w}
 * therefore counts the whole batch as {@code w} samples. With nothing accumulated, or weights
 * summing to 0, the result is 0.
 */
public class Mean implements Metric {
  private final String name;
  private double total;
  private double count;

  public Mean() {
    this("mean");
  }

  public Mean(String name) {
    this.name = MetricNames.check(name);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Accumulates {@code values}, weighted by {@code sampleWeight} ({@code null} for equal weights).
   */
  public void update(Tensor values, Tensor sampleWeight) {
    update(Values.of(values), sampleWeight == null ? null : Values.of(sampleWeight));
  }

  /** Accumulates one value with weight 1 (for example a batch's loss). */
  public void update(double value) {
    update(value, 1);
  }

  /** Accumulates one value with the given weight. */
  public void update(double value, double weight) {
    total += value * weight;
    count += weight;
  }

  /**
   * The {@link Metric} form: accumulates {@code yPred}, ignoring {@code yTrue}. Metrics built on a
   * function of labels and predictions extend {@link MeanMetricWrapper} instead.
   */
  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    update(yPred, sampleWeight);
  }

  void update(Values values, Values weights) {
    if (weights == null) {
      if (values.rank() == 0) {
        update(values.data[0]);
        return;
      }
      int samples = values.dims[0];
      if (samples == 0) {
        return;
      }
      int perSample = values.size() / samples;
      total += perSample == 0 ? 0 : sum(values.data) / perSample;
      count += samples;
      return;
    }
    Values[] aligned = Values.sameRank(values, weights, true);
    Values v = aligned[0];
    Values w = aligned[1];
    int wRank = w.rank();
    if (v.rank() < wRank) {
      throw new IllegalArgumentException(
          name
              + ": sample weights of shape "
              + Arrays.toString(weights.dims)
              + " have more axes than the values of shape "
              + Arrays.toString(values.dims)
              + "; pass one weight per sample, shape (batch)");
    }
    // Average the values down to the weights' rank.
    int[] lead = Arrays.copyOf(v.dims, wRank);
    int chunk = Values.product(v.dims, wRank, v.rank());
    int outer = Values.product(lead, 0, wRank);
    float[] weight = w.broadcastTo(lead, name + ": sample weights");
    double weightedSum = 0;
    double weightSum = 0;
    for (int i = 0; i < outer; i++) {
      double s = 0;
      for (int j = 0; j < chunk; j++) {
        s += v.data[i * chunk + j];
      }
      double mean = chunk == 0 ? 0 : s / chunk;
      weightedSum += mean * weight[i];
      weightSum += weight[i];
    }
    // Per-sample means of both, summed over the samples.
    int perSample = wRank == 0 ? 1 : Values.product(lead, 1, wRank);
    if (perSample == 0) {
      return;
    }
    total += weightedSum / perSample;
    count += weightSum / perSample;
  }

  private static double sum(float[] data) {
    double s = 0;
    for (float x : data) {
      s += x;
    }
    return s;
  }

  /** {@code total / count}, or 0 when the count is 0 (Keras's {@code divide_no_nan}). */
  @Override
  public double result() {
    return count == 0 ? 0 : total / count;
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  /** The weighted sum accumulated so far. */
  public double total() {
    return total;
  }

  /** The sum of the weights (the number of samples without weights) accumulated so far. */
  public double count() {
    return count;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
