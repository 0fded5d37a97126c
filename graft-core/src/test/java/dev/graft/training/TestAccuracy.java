package dev.graft.training;

import dev.graft.metrics.Metric;
import dev.graft.tensor.Tensor;

/** A minimal binary accuracy on probabilities (threshold 0.5) for these tests. */
final class TestAccuracy implements Metric {
  private double correct;
  private double total;

  @Override
  public String name() {
    return "binary_accuracy";
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    float[] t = yTrue.toFloatArray();
    float[] p = yPred.toFloatArray();
    float[] w = sampleWeight == null ? null : sampleWeight.toFloatArray();
    for (int i = 0; i < t.length; i++) {
      double wi = w == null ? 1 : w[i];
      correct += ((p[i] > 0.5f) == (t[i] > 0.5f)) ? wi : 0;
      total += wi;
    }
  }

  @Override
  public double result() {
    return total == 0 ? 0 : correct / total;
  }

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }
}
