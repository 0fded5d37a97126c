package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often the integer label is among the {@code k} highest scores, as Keras's {@code
 * keras.metrics.SparseTopKCategoricalAccuracy}; {@code k} is 5 and the name {@code
 * sparse_top_k_categorical_accuracy} by default. Labels have shape {@code (batch)} or {@code
 * (batch, 1)} and are truncated to integers as Keras's cast to {@code int32} does; a label outside
 * {@code [0, classes)} never counts. Ties at the k-th score count as in the top k.
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  private final int k;

  public SparseTopKCategoricalAccuracy() {
    this(5);
  }

  public SparseTopKCategoricalAccuracy(int k) {
    this(k, "sparse_top_k_categorical_accuracy");
  }

  public SparseTopKCategoricalAccuracy(int k, String name) {
    super(name);
    this.k = ClassScores.checkK(k);
  }

  public int k() {
    return k;
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values p = ClassScores.checkPredictions(name(), Values.of(yPred));
    float[] labels = ClassScores.sparseLabels(name(), Values.of(yTrue), p);
    float[] out = new float[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ClassScores.inTopK(p.data, i, p.last(), (int) labels[i], k) ? 1f : 0f;
    }
    return Tensor.of(out, ClassScores.rowShape(p));
  }
}
