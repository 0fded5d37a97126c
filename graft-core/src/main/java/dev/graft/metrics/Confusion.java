package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * Labels, predictions and weights of one batch, flattened and aligned as Keras's {@code
 * update_confusion_matrix_variables} aligns them: every prediction is one binary decision, its
 * label is positive when non-zero, and its weight is the sample weight broadcast to the predictions
 * (one weight per sample, shape {@code (batch)}, applies to all of a sample's predictions).
 */
final class Confusion {
  final boolean[] positive;
  final float[] predictions;

  /** One weight per prediction, or null for weights of 1. */
  final float[] weights;

  private Confusion(boolean[] positive, float[] predictions, float[] weights) {
    this.positive = positive;
    this.predictions = predictions;
    this.weights = weights;
  }

  static Confusion of(String metric, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    Values[] t = Values.sameRank(Values.of(yPred), Values.of(yTrue), true);
    Values p = t[0];
    Values y = t[1];
    if (!Arrays.equals(p.dims, y.dims)) {
      throw new IllegalArgumentException(
          metric
              + ": yTrue and yPred must have the same shape (a trailing axis of 1 may be missing"
              + " from one of them); got yTrue "
              + Arrays.toString(yTrue.shape().dims())
              + " and yPred "
              + Arrays.toString(yPred.shape().dims()));
    }
    boolean[] positive = new boolean[y.size()];
    for (int i = 0; i < positive.length; i++) {
      positive[i] = y.data[i] != 0;
    }
    float[] weights = null;
    if (sampleWeight != null) {
      Values w = Values.of(sampleWeight).expandLast();
      w = Values.sameRank(y, w, false)[1];
      weights = w.broadcastTo(p.dims, metric + ": sample weights");
    }
    return new Confusion(positive, p.data, weights);
  }

  int size() {
    return predictions.length;
  }

  double weight(int i) {
    return weights == null ? 1 : weights[i];
  }

  /** Keras's {@code divide_no_nan}: 0 when the denominator is 0. */
  static double divideNoNan(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
