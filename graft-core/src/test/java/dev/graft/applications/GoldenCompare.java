package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.tensor.Tensor;
import dev.graft.testing.FormulaWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Comparisons of the application golden tests, relative to each tensor's largest magnitude. */
final class GoldenCompare {
  private GoldenCompare() {}

  /**
   * Checks {@code max |expected - actual| <= tolerance * max |expected|} and returns that relative
   * error. Run with {@code -Dgraft.golden.report=true} to print it.
   */
  static double assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + " shape");
    double rel = relativeError(expected.toFloatArray(), actual.toFloatArray());
    if (Boolean.getBoolean("graft.golden.report")) {
      System.out.printf("golden %-60s max error / max |expected| = %.3g%n", what, rel);
    }
    assertTrue(
        rel <= tolerance, what + ": max error / max |expected| = " + rel + " > " + tolerance);
    return rel;
  }

  static double relativeError(float[] e, float[] a) {
    double maxErr = 0;
    double maxMag = 0;
    for (int i = 0; i < e.length; i++) {
      maxErr = Math.max(maxErr, Math.abs((double) e[i] - a[i]));
      maxMag = Math.max(maxMag, Math.abs((double) e[i]));
    }
    return maxMag == 0 ? maxErr : maxErr / maxMag;
  }

  /**
   * Gives each weight its initial golden value (formula, or calibrated file), checking that the
   * model's weights are the manifest's one for one: same path, same shape, same order.
   */
  static void assignInitial(
      List<Variable> weights, Path folder, List<FormulaWeights.Entry> manifest) throws IOException {
    if (weights.size() != manifest.size()) {
      throw new AssertionError(
          "the model has " + weights.size() + " weights, the manifest " + manifest.size());
    }
    for (int i = 0; i < weights.size(); i++) {
      FormulaWeights.Entry e = manifest.get(i);
      Variable v = weights.get(i);
      if (!v.name().equals(e.path()) || !java.util.Arrays.equals(v.shape().dims(), e.shape())) {
        throw new AssertionError(
            "weight "
                + i
                + " is "
                + v.name()
                + " "
                + v.shape()
                + " in graft but "
                + e.path()
                + " "
                + java.util.Arrays.toString(e.shape())
                + " in Keras");
      }
      v.assign(FormulaWeights.initial(folder, e));
    }
  }
}
