package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A metric that averages a per-sample (or per-value) function of labels and predictions, as Keras's
 * {@code MeanMetricWrapper}: each update computes {@link #values} and feeds them, with the sample
 * weights, to a {@link Mean} (see there for how weights and trailing axes are handled).
 *
 * <pre>{@code
 * Metric mse = MeanMetricWrapper.of("mse", (y, p) -> new MeanSquaredError().perSample(y, p));
 * }</pre>
 */
public abstract class MeanMetricWrapper implements Metric {
  private final Mean mean;

  protected MeanMetricWrapper(String name) {
    this.mean = new Mean(name);
  }

  /** A metric averaging {@code fn(yTrue, yPred)}. */
  public static MeanMetricWrapper of(String name, BiFunction<Tensor, Tensor, Tensor> fn) {
    Objects.requireNonNull(fn, "fn");
    return new MeanMetricWrapper(name) {
      @Override
      protected Tensor values(Tensor yTrue, Tensor yPred) {
        return fn.apply(yTrue, yPred);
      }
    };
  }

  /**
   * The values to average for one batch, usually one per sample (shape {@code (batch)}) or one per
   * prediction.
   */
  protected abstract Tensor values(Tensor yTrue, Tensor yPred);

  @Override
  public final String name() {
    return mean.name();
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    mean.update(values(yTrue, yPred), sampleWeight);
  }

  @Override
  public final double result() {
    return mean.result();
  }

  @Override
  public final void reset() {
    mean.reset();
  }

  @Override
  public String toString() {
    String type = getClass().isAnonymousClass() ? "MeanMetricWrapper" : getClass().getSimpleName();
    return type + "(" + name() + ")";
  }
}
