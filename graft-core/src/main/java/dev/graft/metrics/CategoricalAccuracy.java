package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often the predicted class (the argmax of the scores) is the labelled class (the argmax of the
 * one-hot labels), as Keras's {@code keras.metrics.CategoricalAccuracy}; named {@code
 * categorical_accuracy} by default. Predictions may be probabilities or logits (the argmax is the
 * same); on ties the first largest score wins.
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {
  public CategoricalAccuracy() {
    this("categorical_accuracy");
  }

  public CategoricalAccuracy(String name) {
    super(name);
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values p = ClassScores.checkPredictions(name(), Values.of(yPred));
    int[] labels = ClassScores.categoricalLabels(name(), Values.of(yTrue), p);
    int[] predicted = Values.argmaxRows(p.data, p.last());
    float[] out = new float[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] == predicted[i] ? 1f : 0f;
    }
    return Tensor.of(out, ClassScores.rowShape(p));
  }
}
