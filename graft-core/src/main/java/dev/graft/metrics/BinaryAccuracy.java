package dev.graft.metrics;

import dev.graft.tensor.Tensor;

/**
 * How often binary predictions match the labels, as Keras's {@code keras.metrics.BinaryAccuracy};
 * named {@code binary_accuracy} by default. A prediction counts as 1 when it is strictly greater
 * than the threshold (0.5 by default), else 0, and is compared with the label for equality; each
 * sample's score is the mean over its predictions.
 *
 * <p>The threshold is applied to the raw predictions, exactly as Keras does. For a model whose last
 * layer outputs logits (trained with {@code new BinaryCrossentropy(true)}) this compares logits
 * with 0.5, not probabilities: a logit in (0, 0.5], a probability in (0.5, 0.62], counts as class
 * 0. Keras's transfer-learning guide does exactly this, and graft reproduces its numbers; to
 * threshold probabilities of a logit model at 0.5, pass a threshold of 0.
 */
public final class BinaryAccuracy extends MeanMetricWrapper {
  private final float threshold;

  /** Threshold 0.5, name {@code binary_accuracy}. */
  public BinaryAccuracy() {
    this(0.5f);
  }

  public BinaryAccuracy(float threshold) {
    this(threshold, "binary_accuracy");
  }

  public BinaryAccuracy(float threshold, String name) {
    super(name);
    if (Float.isNaN(threshold)) {
      throw new IllegalArgumentException(name + ": the threshold must be a number, got NaN");
    }
    this.threshold = threshold;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  protected Tensor values(Tensor yTrue, Tensor yPred) {
    Values[] t = Values.sameRank(Values.of(yTrue), Values.of(yPred), true);
    int[] shape = Values.broadcastShape(name(), t[0].dims, t[1].dims);
    float[] y = t[0].broadcastTo(shape, name() + ": yTrue");
    float[] p = t[1].broadcastTo(shape, name() + ": yPred");
    float[] out = new float[y.length];
    for (int i = 0; i < out.length; i++) {
      float predicted = p[i] > threshold ? 1f : 0f;
      out[i] = y[i] == predicted ? 1f : 0f;
    }
    return Tensor.of(out, shape);
  }
}
