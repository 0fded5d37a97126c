package dev.graft.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each loss against its Keras formula written out in double, including extreme logits, label
 * smoothing, sample weights and the reductions; gradients through a tape against central
 * differences of the double formula.
 */
class LossesTest {
  private static final double EPS = 1e-7f;
  private static final Random RND = new Random(7);

  // ---- double references of the per-element / per-sample formulas ----

  static double clipP(double p) {
    return Math.min(Math.max(p, EPS), 1 - 1e-7f);
  }

  /** Mean over samples of the binary cross-entropy of (n, k) arrays. */
  static double bce(double[] y, double[] x, int k, boolean logits, double ls) {
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      double t = y[i] * (1 - ls) + 0.5 * ls;
      double e;
      if (logits) {
        // log(1 + e^x) - x t, with the log1p form for large |x|.
        e = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i]))) - x[i] * t;
      } else {
        double p = clipP(x[i]);
        e = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
      }
      total += e;
    }
    return total / y.length;
  }

  static double cce(double[] y, double[] x, int k, boolean logits, double ls) {
    int n = y.length / k;
    double total = 0;
    for (int s = 0; s < n; s++) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, x[s * k + j]);
        sum += x[s * k + j];
      }
      double lse = 0;
      for (int j = 0; j < k; j++) {
        lse += Math.exp(x[s * k + j] - max);
      }
      lse = Math.log(lse) + max;
      for (int j = 0; j < k; j++) {
        double t = y[s * k + j] * (1 - ls) + ls / k;
        double logP = logits ? x[s * k + j] - lse : Math.log(clipP(x[s * k + j] / sum));
        total -= t * logP;
      }
    }
    return total / n;
  }

  static double[] oneHot(double[] labels, int k) {
    double[] out = new double[labels.length * k];
    for (int i = 0; i < labels.length; i++) {
      out[i * k + (int) labels[i]] = 1;
    }
    return out;
  }

  static double meanOf(double[] y, double[] x, java.util.function.DoubleBinaryOperator f) {
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      total += f.applyAsDouble(y[i], x[i]);
    }
    return total / y.length;
  }

  static double huber(double y, double x, double delta) {
    double e = Math.abs(x - y);
    return e <= delta ? 0.5 * e * e : delta * e - 0.5 * delta * delta;
  }

  // ---- values ----

  @Test
  void binaryCrossentropyFromLogitsIsExactForExtremeLogits() {
    double[] y = {1, 0, 1, 0, 1, 0, 0.3, 0.7};
    double[] x = {100, -100, -100, 100, 0, 0, 17, -3};
    for (double ls : new double[] {0, 0.2}) {
      Tensor loss = new BinaryCrossentropy(true, (float) ls).call(t(y, 8, 1), t(x, 8, 1));
      assertEquals(bce(y, x, 1, true, ls), loss.item(), 1e-5 * bce(y, x, 1, true, ls), "ls " + ls);
      assertTrue(Float.isFinite(loss.item()));
    }
  }

  @Test
  void binaryCrossentropyOnProbabilitiesClipsAsKeras() {
    double[] y = {1, 0, 1, 0, 1, 0.5};
    double[] p = {1, 0, 0, 1, 0.3, 0.9};
    for (double ls : new double[] {0, 0.1}) {
      double expected = bce(y, p, 2, false, ls);
      Tensor loss = new BinaryCrossentropy(false, (float) ls).call(t(y, 3, 2), t(p, 3, 2));
      assertEquals(expected, loss.item(), 1e-5 * expected, "ls " + ls);
    }
    // Labels (batch) against predictions (batch, 1): the trailing 1 is matched.
    double[] y1 = {1, 0, 1};
    double[] p1 = {0.8, 0.4, 0.6};
    assertEquals(
        bce(y1, p1, 1, false, 0),
        new BinaryCrossentropy().call(t(y1, 3), t(p1, 3, 1)).item(),
        1e-6);
  }

  @Test
  void categoricalCrossentropy() {
    double[] y = {0, 1, 0, 1, 0, 0, 0.2, 0.3, 0.5};
    double[] x = {100, -100, 0, 2, 1, -1, 0.5, 0.5, 3};
    double[] p = {0.2, 0.5, 0.3, 0, 1, 0, 0.6, 0.6, 0.8}; // unnormalized in the last row
    for (double ls : new double[] {0, 0.3}) {
      CategoricalCrossentropy logits = new CategoricalCrossentropy(true, (float) ls);
      double e1 = cce(y, x, 3, true, ls);
      assertEquals(e1, logits.call(t(y, 3, 3), t(x, 3, 3)).item(), 1e-5 * e1);
      double e2 = cce(y, p, 3, false, ls);
      assertEquals(
          e2,
          new CategoricalCrossentropy(false, (float) ls).call(t(y, 3, 3), t(p, 3, 3)).item(),
          1e-5 * e2);
    }
  }

  @Test
  void sparseCategoricalCrossentropyEqualsTheOneHotCategorical() {
    double[] labels = {2, 0, 1, 1};
    double[] x = {100, -100, 0, 2, 1, -1, 0.5, 0.5, 3, -7, 40, 1};
    double[] p = {0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0.6, 0.2, 0.2, 0, 1, 0};
    double e1 = cce(oneHot(labels, 3), x, 3, true, 0);
    double e2 = cce(oneHot(labels, 3), p, 3, false, 0);
    assertEquals(
        e1,
        new SparseCategoricalCrossentropy(true).call(t(labels, 4), t(x, 4, 3)).item(),
        1e-5 * e1);
    assertEquals(
        e2,
        new SparseCategoricalCrossentropy().call(t(labels, 4, 1), t(p, 4, 3)).item(),
        1e-5 * e2);
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SparseCategoricalCrossentropy(true).call(t(new double[] {3}, 1), t(x, 4, 3)));
    assertTrue(bad.getMessage().contains("shape"), bad.getMessage());
    IllegalArgumentException range =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SparseCategoricalCrossentropy(true)
                    .call(t(new double[] {0, 1, 3, 1}, 4), t(x, 4, 3)));
    assertTrue(range.getMessage().contains("[0, 3)"), range.getMessage());
  }

  @Test
  void regressionLosses() {
    double[] y = randoms(12);
    double[] x = randoms(12);
    // Per-sample means over the last axis, then over samples: the same as the overall mean here.
    assertEquals(
        meanOf(y, x, (a, b) -> (a - b) * (a - b)),
        new MeanSquaredError().call(t(y, 4, 3), t(x, 4, 3)).item(),
        1e-6);
    assertEquals(
        meanOf(y, x, (a, b) -> Math.abs(a - b)),
        new MeanAbsoluteError().call(t(y, 4, 3), t(x, 4, 3)).item(),
        1e-6);
    for (double delta : new double[] {0.3, 1, 5}) {
      assertEquals(
          meanOf(y, x, (a, b) -> huber(a, b, delta)),
          new Huber((float) delta).call(t(y, 4, 3), t(x, 4, 3)).item(),
          1e-6,
          "delta " + delta);
    }
  }

  @Test
  void sampleWeightsAndReductions() {
    double[] y = randoms(12);
    double[] x = randoms(12);
    double[] w = {0.5, 0, 2, 1};
    double[] perSample = new double[4];
    for (int s = 0; s < 4; s++) {
      for (int j = 0; j < 3; j++) {
        double d = y[s * 3 + j] - x[s * 3 + j];
        perSample[s] += d * d / 3;
      }
    }
    double weightedSum = 0;
    for (int s = 0; s < 4; s++) {
      weightedSum += w[s] * perSample[s];
    }
    Loss mse = new MeanSquaredError();
    // sum_over_batch_size divides by the batch size, not by the sum of the weights.
    assertEquals(weightedSum / 4, mse.call(t(y, 4, 3), t(x, 4, 3), t(w, 4)).item(), 1e-6);
    assertEquals(weightedSum / 4, mse.call(t(y, 4, 3), t(x, 4, 3), t(w, 4, 1)).item(), 1e-6);
    assertEquals(
        weightedSum,
        mse.withReduction(Reduction.SUM).call(t(y, 4, 3), t(x, 4, 3), t(w, 4)).item(),
        1e-6);
    assertEquals(
        weightedSum / 3.5,
        mse.withReduction(Reduction.MEAN_WITH_SAMPLE_WEIGHT)
            .call(t(y, 4, 3), t(x, 4, 3), t(w, 4))
            .item(),
        1e-6);
    Tensor none = mse.withReduction(Reduction.NONE).call(t(y, 4, 3), t(x, 4, 3), t(w, 4));
    assertEquals(4, none.size());
    assertEquals(w[2] * perSample[2], none.toFloatArray()[2], 1e-6);
    assertEquals("mean_squared_error", mse.withReduction(Reduction.SUM).name());
  }

  // ---- gradients ----

  @Test
  void gradientsMatchFiniteDifferencesOfTheDoubleFormulas() {
    double[] yb = {1, 0, 1, 0.4, 0, 1};
    double[] ys = {2, 0, 1};
    double[] yc = {0, 0, 1, 0.3, 0.3, 0.4, 1, 0, 0};
    double[] yr = randoms(6);
    double[] w = {1, 0.5, 2};
    check(
        "bce logits",
        new BinaryCrossentropy(true, 0.1f),
        yb,
        3,
        2,
        (x) -> bce(yb, x, 2, true, 0.1),
        null);
    check(
        "bce probs",
        new BinaryCrossentropy(),
        yb,
        3,
        2,
        (x) -> bce(yb, x, 2, false, 0),
        null,
        0.2,
        0.8);
    check(
        "cce logits",
        new CategoricalCrossentropy(true, 0.2f),
        yc,
        3,
        3,
        (x) -> cce(yc, x, 3, true, 0.2),
        null);
    check(
        "cce probs",
        new CategoricalCrossentropy(),
        yc,
        3,
        3,
        (x) -> cce(yc, x, 3, false, 0),
        null,
        0.2,
        0.8);
    check(
        "scce logits",
        new SparseCategoricalCrossentropy(true),
        ys,
        3,
        3,
        (x) -> cce(oneHot(ys, 3), x, 3, true, 0),
        null);
    check(
        "mse",
        new MeanSquaredError(),
        yr,
        3,
        2,
        (x) -> meanOf(yr, x, (a, b) -> (a - b) * (a - b)),
        null);
    check(
        "huber", new Huber(0.5f), yr, 3, 2, (x) -> meanOf(yr, x, (a, b) -> huber(a, b, 0.5)), null);
    check(
        "mae",
        new MeanAbsoluteError(),
        yr,
        3,
        2,
        (x) -> meanOf(yr, x, (a, b) -> Math.abs(a - b)),
        null);
    check(
        "weighted bce logits",
        new BinaryCrossentropy(true),
        yb,
        3,
        2,
        (x) -> {
          double total = 0;
          for (int s = 0; s < 3; s++) {
            total +=
                w[s]
                    * 2
                    * bce(
                        new double[] {yb[2 * s], yb[2 * s + 1]},
                        new double[] {x[2 * s], x[2 * s + 1]},
                        2,
                        true,
                        0)
                    / 2;
          }
          return total / 3;
        },
        w);
  }

  private static void check(
      String what,
      Loss loss,
      double[] y,
      int n,
      int k,
      java.util.function.Function<double[], Double> reference,
      double[] weights) {
    check(what, loss, y, n, k, reference, weights, -2, 2);
  }

  private static void check(
      String what,
      Loss loss,
      double[] y,
      int n,
      int k,
      java.util.function.Function<double[], Double> reference,
      double[] weights,
      double lo,
      double hi) {
    double[] x = new double[n * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = lo + (hi - lo) * RND.nextDouble();
    }
    Tensor yPred = t(x, n, k);
    Tensor yTrue = y.length == n ? t(y, n) : t(y, n, k);
    Tensor grad;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(yPred);
      Tensor value =
          weights == null ? loss.call(yTrue, yPred) : loss.call(yTrue, yPred, t(weights, n));
      grad = tape.gradient(value, List.of(yPred)).get(0);
    }
    float[] g = grad.toFloatArray();
    double h = 1e-5;
    for (int i = 0; i < x.length; i++) {
      double keep = x[i];
      x[i] = keep + h;
      double up = reference.apply(x);
      x[i] = keep - h;
      double down = reference.apply(x);
      x[i] = keep;
      assertEquals((up - down) / (2 * h), g[i], 2e-4, what + " d/dx[" + i + "]");
    }
  }

  private static Tensor t(double[] v, int... shape) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.of(f, shape);
  }

  private static double[] randoms(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (RND.nextGaussian() * 1.5);
    }
    return out;
  }
}
