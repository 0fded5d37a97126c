package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often the labelled class (the argmax of the one-hot labels) is among the {@code k} highest
 * scores, as Keras's {@code keras.metrics.TopKCategoricalAccuracy}; {@code k} is 5 and the name
 * {@code top_k_categorical_accuracy} by default. Ties at the k-th score count as in the top k
 * (fewer than {@code k} scores are strictly larger than the label's), as Keras's {@code in_top_k}.
 */
public final class TopKCategoricalAccuracy extends MeanMetricWrapper {
  private final int k;

  public TopKCategoricalAccuracy() {
    this(5);
  }

  public TopKCategoricalAccuracy(int k) {
    this(k, "top_k_categorical_accuracy");
  }

  public TopKCategoricalAccuracy(int k, String name) {
    super(name);
    this.k = ClassScores.checkK(k);
  }

  public int k() {
    return k;
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values p = ClassScores.checkPredictions(name(), Values.of(yPred));
    int[] labels = ClassScores.categoricalLabels(name(), Values.of(yTrue), p);
    float[] out = new float[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ClassScores.inTopK(p.data, i, p.last(), labels[i], k) ? 1f : 0f;
    }
    return Tensor.of(out, ClassScores.rowShape(p));
  }
}
