package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Array comparison with a tolerance scaled to the largest expected magnitude. */
final class Check {
  private Check() {}

  static void close(String what, double[] expected, float[] actual, double relTol) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double tol = relTol * scale;
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        fail(what + ": at " + i + " expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }

  static void close(String what, float[] expected, float[] actual, double relTol) {
    close(what, Naive.toDouble(expected), actual, relTol);
  }
}
