package dev.graft.metrics;

import java.util.Arrays;

/** Shared shape handling of the categorical accuracies: rows of class scores and their labels. */
final class ClassScores {
  private ClassScores() {}

  /** Predictions of rank 1 or more: rows over the trailing (class) axis. */
  static Values checkPredictions(String metric, Values yPred) {
    if (yPred.rank() == 0 || yPred.last() == 0) {
      throw new IllegalArgumentException(
          metric
              + ": yPred must hold class scores on its last axis, shape (batch, classes); got "
              + Arrays.toString(yPred.dims));
    }
    return yPred;
  }

  /** The shape of one score per row: the predictions' shape without the class axis. */
  static int[] rowShape(Values yPred) {
    return Arrays.copyOf(yPred.dims, yPred.rank() - 1);
  }

  /** One-hot (or soft) labels of the predictions' shape, reduced to their argmax. */
  static int[] categoricalLabels(String metric, Values yTrue, Values yPred) {
    if (yTrue.rank() == 0 || yTrue.size() / Math.max(1, yTrue.last()) != rows(yPred)) {
      throw new IllegalArgumentException(
          metric
              + ": yTrue must be one-hot labels of yPred's shape; got yTrue "
              + Arrays.toString(yTrue.dims)
              + " and yPred "
              + Arrays.toString(yPred.dims)
              + " (for integer labels use the sparse metric)");
    }
    return Values.argmaxRows(yTrue.data, yTrue.last());
  }

  /**
   * Integer labels, one per row: shape {@code (batch)} or {@code (batch, 1)} for predictions {@code
   * (batch, classes)}. Returned as floats, compared as Keras does.
   */
  static float[] sparseLabels(String metric, Values yTrue, Values yPred) {
    Values y = yTrue;
    if (y.rank() == yPred.rank() && y.rank() > 0 && y.last() == 1) {
      y = y.squeezeLast();
    }
    if (y.size() != rows(yPred)) {
      throw new IllegalArgumentException(
          metric
              + ": yTrue must hold one integer class per sample, shape (batch) or (batch, 1), for"
              + " yPred of shape (batch, classes); got yTrue "
              + Arrays.toString(yTrue.dims)
              + " and yPred "
              + Arrays.toString(yPred.dims)
              + " (for one-hot labels use the categorical metric)");
    }
    return y.data;
  }

  static int rows(Values yPred) {
    return yPred.size() / yPred.last();
  }

  /**
   * Whether class {@code target} of row {@code row} is among the {@code k} largest scores: fewer
   * than {@code k} scores are strictly larger than its own (so ties at the boundary count as in,
   * and a NaN score as smallest), as Keras's {@code in_top_k}. A target outside {@code [0,
   * classes)} is never in.
   */
  static boolean inTopK(float[] scores, int row, int classes, int target, int k) {
    if (target < 0 || target >= classes) {
      return false;
    }
    int base = row * classes;
    float own = scores[base + target];
    if (Float.isNaN(own)) {
      own = Float.NEGATIVE_INFINITY;
    }
    int larger = 0;
    for (int c = 0; c < classes; c++) {
      if (scores[base + c] > own) {
        larger++;
      }
    }
    return larger < k;
  }

  static int checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    return k;
  }
}
