package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often the predicted class (the argmax of the scores) equals the integer label, as Keras's
 * {@code keras.metrics.SparseCategoricalAccuracy}; named {@code sparse_categorical_accuracy} by
 * default. Labels have shape {@code (batch)} or {@code (batch, 1)} for predictions {@code (batch,
 * classes)}; they are compared as numbers, so a label outside {@code [0, classes)} (or not a whole
 * number) never matches. On ties the first largest score wins.
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {
  public SparseCategoricalAccuracy() {
    this("sparse_categorical_accuracy");
  }

  public SparseCategoricalAccuracy(String name) {
    super(name);
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values p = ClassScores.checkPredictions(name(), Values.of(yPred));
    float[] labels = ClassScores.sparseLabels(name(), Values.of(yTrue), p);
    int[] predicted = Values.argmaxRows(p.data, p.last());
    float[] out = new float[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i] == predicted[i] ? 1f : 0f;
    }
    return Tensor.of(out, ClassScores.rowShape(p));
  }
}
