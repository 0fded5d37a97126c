package dev.graft.cli.model;

/** Class probabilities from a model's outputs for one image. */
final class Probabilities {
  private Probabilities() {}

  /**
   * The probability of each class: for one output, a sigmoid (of a logit) for class 1; for several,
   * a softmax (of logits).
   */
  static double[] of(float[] outputs, int offset, int width, int classes, boolean fromLogits) {
    double[] p = new double[classes];
    if (width == 1) {
      double v = outputs[offset];
      double one = fromLogits ? 1 / (1 + Math.exp(-v)) : v;
      p[0] = 1 - one;
      p[1] = one;
      return p;
    }
    if (!fromLogits) {
      for (int c = 0; c < classes; c++) {
        p[c] = outputs[offset + c];
      }
      return p;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, outputs[offset + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      p[c] = Math.exp(outputs[offset + c] - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
    return p;
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
