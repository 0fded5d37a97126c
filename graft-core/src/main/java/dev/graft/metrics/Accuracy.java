package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often predictions equal labels exactly, as Keras's {@code keras.metrics.Accuracy}; named
 * {@code accuracy} by default. Labels and predictions are compared value by value (after dropping
 * or adding a trailing axis of 1 to match their ranks), so this suits predictions that already are
 * class values, not probabilities; for those use {@link BinaryAccuracy}, {@link
 * CategoricalAccuracy} or {@link SparseCategoricalAccuracy}, or {@link Metrics#byName} with {@code
 * "accuracy"}, which picks one as Keras's {@code compile} does.
 */
public final class Accuracy extends MeanMetricWrapper {
  public Accuracy() {
    this("accuracy");
  }

  public Accuracy(String name) {
    super(name);
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values[] t = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
    int[] shape = Values.broadcastShape(name(), t[0].dims, t[1].dims);
    float[] y = t[0].broadcastTo(shape, name() + ": yTrue");
    float[] p = t[1].broadcastTo(shape, name() + ": yPred");
    float[] out = new float[y.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = y[i] == p[i] ? 1f : 0f;
    }
    return Tensor.of(out, shape);
  }
}
