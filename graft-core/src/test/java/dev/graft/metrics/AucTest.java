package dev.graft.metrics;

import static dev.graft.metrics.MetricTesting.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Auc} against Keras's test values (worked out by hand below), a direct trapezoid over the
 * same thresholds, exact ROC AUCs, and its edge cases.
 */
class AucTest {
  private static final Random RND = new Random(5);
  // Keras's AUCTest fixture.
  private static final Tensor Y = Tensor.vector(0, 0, 1, 1);
  private static final Tensor P = Tensor.vector(0, 0.5f, 0.3f, 0.9f);
  private static final Tensor W = Tensor.vector(1, 2, 3, 4);

  private static Auc auc3(Auc.Curve curve, Auc.Summation s) {
    return Auc.builder().numThresholds(3).curve(curve).summation(s).build();
  }

  @Test
  void defaultsAndThresholds() {
    Auc m = new Auc();
    assertEquals("auc", m.name());
    assertEquals(200, m.numThresholds());
    assertEquals(Auc.Curve.ROC, m.curve());
    assertEquals(Auc.Summation.INTERPOLATION, m.summation());
    assertArrayEquals(
        new double[] {-1e-7, 0.5, 1 + 1e-7},
        auc3(Auc.Curve.ROC, Auc.Summation.INTERPOLATION).thresholds());
    assertThrows(IllegalArgumentException.class, () -> Auc.builder().numThresholds(1));
  }

  @Test
  void unweighted() {
    // Thresholds (-eps, 0.5, 1+eps). ROC points (fpr, tpr): (1, 1), (0, 0.5), (0, 0):
    // trapezoids 1 * (1 + 0.5) / 2 = 0.75.
    Auc m = auc3(Auc.Curve.ROC, Auc.Summation.INTERPOLATION);
    m.update(Y, P, null);
    assertEquals(0.75, m.result(), 1e-12);
    Auc right = auc3(Auc.Curve.ROC, Auc.Summation.INTERPOLATION);
    right.update(Y, Y, null);
    assertEquals(1.0, right.result(), 1e-12);
  }

  @Test
  void fromLogits() {
    Auc m = Auc.builder().numThresholds(3).fromLogits(true).build();
    float[] logits = new float[4];
    float[] p = P.toFloatArray();
    for (int i = 0; i < 4; i++) {
      logits[i] = (float) Math.log(p[i] / (1 - p[i]));
    }
    m.update(Y, Tensor.vector(logits), null);
    assertEquals(0.75, m.result(), 1e-12);
  }

  @Test
  void weightedCounts() {
    // tp/fp/tn/fn per threshold with weights 1, 2, 3, 4: at -eps all predicted positive; at 0.5
    // only 0.9 (label 1, weight 4); at 1+eps none.
    Auc m = auc3(Auc.Curve.ROC, Auc.Summation.INTERPOLATION);
    m.update(Y, P, W);
    assertArrayEquals(new double[] {7, 4, 0}, m.truePositives(), 1e-12);
    assertArrayEquals(new double[] {3, 0, 0}, m.falsePositives(), 1e-12);
    assertArrayEquals(new double[] {0, 3, 3}, m.trueNegatives(), 1e-12);
    assertArrayEquals(new double[] {0, 3, 7}, m.falseNegatives(), 1e-12);
  }

  @Test
  void weightedRocSummations() {
    // ROC points (1, 1), (0, 4/7), (0, 0).
    assertEquals(11 / 14.0, weighted(Auc.Curve.ROC, Auc.Summation.INTERPOLATION), 1e-12);
    assertEquals(1.0, weighted(Auc.Curve.ROC, Auc.Summation.MAJORING), 1e-12);
    assertEquals(4 / 7.0, weighted(Auc.Curve.ROC, Auc.Summation.MINORING), 1e-12);
  }

  @Test
  void weightedPrSummations() {
    // PR points (recall, precision): (1, 0.7), (4/7, 1), (0, 0).
    assertEquals(3 / 7.0 + 4 / 7.0, weighted(Auc.Curve.PR, Auc.Summation.MAJORING), 1e-12);
    assertEquals(0.7 * 3 / 7, weighted(Auc.Curve.PR, Auc.Summation.MINORING), 1e-12);
    // Davis & Goadrich: interval 1: P 10 -> 4, dTP 3, slope 0.5, intercept 2:
    // 0.5 * (3 + 2 ln 2.5) / 7; interval 2: P 4 -> 0, slope 1, intercept 0: 4 / 7.
    double expected = (1.5 + Math.log(2.5)) / 7 + 4 / 7.0;
    assertEquals(expected, weighted(Auc.Curve.PR, Auc.Summation.INTERPOLATION), 1e-12);
    assertEquals(2.416 / 7 + 4 / 7.0, expected, 1e-3); // Keras's test value
  }

  @Test
  void prInterpolationWithNegativeWeightsIsZero() {
    Auc m = Auc.builder().numThresholds(3).curve(Auc.Curve.PR).build();
    m.update(Y, P, Tensor.vector(-1, -2, -3, -4));
    assertEquals(0.0, m.result(), 1e-12);
  }

  private static double weighted(Auc.Curve curve, Auc.Summation s) {
    Auc m = auc3(curve, s);
    m.update(Y, P, W);
    return m.result();
  }

  @Test
  void wellSeparatedIsExactlyOne() {
    Auc m = new Auc();
    m.update(col(0, 0, 0, 1, 1, 1), col(0.05f, 0.2f, 0.3f, 0.7f, 0.8f, 0.99f), null);
    assertEquals(1.0, m.result(), 1e-12);
    Auc reversed = new Auc();
    reversed.update(col(1, 1, 0, 0), col(0.1f, 0.2f, 0.8f, 0.9f), null);
    assertEquals(0.0, reversed.result(), 1e-12);
  }

  @Test
  void distinctBucketsGiveTheExactRocAuc() {
    // With every prediction alone in its bucket between thresholds, the trapezoids equal the
    // exact ROC AUC, the fraction of (positive, negative) pairs ranked correctly.
    int n = 150;
    int[] bucketOf = new int[199];
    for (int i = 0; i < bucketOf.length; i++) {
      bucketOf[i] = i;
    }
    for (int i = bucketOf.length - 1; i > 0; i--) {
      int j = RND.nextInt(i + 1);
      int tmp = bucketOf[i];
      bucketOf[i] = bucketOf[j];
      bucketOf[j] = tmp;
    }
    float[] p = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (bucketOf[i] + 0.5f) / 199f;
      // Labels correlated with the score, but not perfectly.
      y[i] = RND.nextFloat() < p[i] ? 1 : 0;
    }
    double right = 0;
    double pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          right += p[i] > p[j] ? 1 : 0;
        }
      }
    }
    Auc m = new Auc();
    double result = MetricTesting.inBatches(m, col(y), col(p), null, RND);
    assertEquals(right / pairs, result, 1e-12);
  }

  @Test
  void randomBatchesMatchADirectTrapezoid() {
    int n = 300;
    float[] p = MetricTesting.uniform(RND, n);
    float[] y = MetricTesting.labels(RND, n, 2);
    float[] w = MetricTesting.uniform(RND, n);
    for (int numThresholds : new int[] {2, 7, 200}) {
      for (Auc.Curve curve : Auc.Curve.values()) {
        for (Auc.Summation s : Auc.Summation.values()) {
          Auc m = Auc.builder().numThresholds(numThresholds).curve(curve).summation(s).build();
          double expected = direct(m.thresholds(), y, p, w, curve, s);
          for (int trial = 0; trial < 3; trial++) {
            double got = MetricTesting.inBatches(m, col(y), col(p), Tensor.vector(w), RND);
            assertEquals(expected, got, 1e-9, curve + " " + s + " " + numThresholds);
          }
        }
      }
    }
  }

  /** Counts each threshold directly (p > threshold) and sums the areas, all in double. */
  private static double direct(
      double[] thresholds, float[] y, float[] p, float[] w, Auc.Curve curve, Auc.Summation s) {
    int n = thresholds.length;
    double[] tp = new double[n];
    double[] fp = new double[n];
    double[] fn = new double[n];
    double[] tn = new double[n];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < p.length; i++) {
        boolean predicted = p[i] > thresholds[t];
        if (y[i] != 0) {
          if (predicted) {
            tp[t] += w[i];
          } else {
            fn[t] += w[i];
          }
        } else if (predicted) {
          fp[t] += w[i];
        } else {
          tn[t] += w[i];
        }
      }
    }
    double area = 0;
    for (int t = 0; t < n - 1; t++) {
      if (curve == Auc.Curve.PR && s == Auc.Summation.INTERPOLATION) {
        // Integrate precision = TP / P over recall with TP and P linear in between.
        double pa = tp[t] + fp[t];
        double pb = tp[t + 1] + fp[t + 1];
        double dtp = tp[t] - tp[t + 1];
        double positives = tp[t + 1] + fn[t + 1];
        if (pa - pb <= 0 || dtp == 0 || positives <= 0) {
          continue;
        }
        double slope = dtp / (pa - pb);
        double intercept = tp[t + 1] - slope * pb;
        double log = pa > 0 && pb > 0 ? Math.log(pa / pb) : 0;
        area += slope * (dtp + intercept * log) / positives;
        continue;
      }
      double x0;
      double x1;
      double y0;
      double y1;
      if (curve == Auc.Curve.ROC) {
        x0 = ratio(fp[t], fp[t] + tn[t]);
        x1 = ratio(fp[t + 1], fp[t + 1] + tn[t + 1]);
        y0 = ratio(tp[t], tp[t] + fn[t]);
        y1 = ratio(tp[t + 1], tp[t + 1] + fn[t + 1]);
      } else {
        x0 = ratio(tp[t], tp[t] + fn[t]);
        x1 = ratio(tp[t + 1], tp[t + 1] + fn[t + 1]);
        y0 = ratio(tp[t], tp[t] + fp[t]);
        y1 = ratio(tp[t + 1], tp[t + 1] + fp[t + 1]);
      }
      double h =
          s == Auc.Summation.MINORING
              ? Math.min(y0, y1)
              : s == Auc.Summation.MAJORING ? Math.max(y0, y1) : (y0 + y1) / 2;
      area += (x0 - x1) * h;
    }
    return area;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  @Test
  void edgeCases() {
    Auc m = new Auc();
    assertEquals(0.0, m.result()); // nothing yet
    m.update(col(0, 0), col(0.2f, 0.7f), null); // no positives: recall 0 everywhere
    assertEquals(0.0, m.result());
    Auc onlyPositives = new Auc();
    onlyPositives.update(col(1, 1), col(0.2f, 0.7f), null); // no negatives: fpr 0 everywhere
    assertEquals(0.0, onlyPositives.result());
    Auc pr = new Auc(Auc.Curve.PR);
    pr.update(col(0, 0), col(0.2f, 0.7f), null);
    assertEquals(0.0, pr.result());
    // Out-of-range predictions are clipped; non-zero labels are positive.
    Auc clipped = new Auc();
    clipped.update(col(0, 3), col(-4f, 9f), null);
    assertEquals(1.0, clipped.result(), 1e-12);
    clipped.reset();
    assertEquals(0.0, clipped.result());
    assertArrayEquals(new double[200], clipped.truePositives());
  }

  @Test
  void multiOutputPredictionsAllCountWithPerSampleWeights() {
    Auc flat = new Auc();
    flat.update(
        Tensor.vector(1, 0, 0, 1),
        Tensor.vector(0.9f, 0.6f, 0.2f, 0.3f),
        Tensor.vector(2, 2, 1, 1));
    Auc twoOutputs = new Auc();
    twoOutputs.update(
        Tensor.of(new float[] {1, 0, 0, 1}, 2, 2),
        Tensor.of(new float[] {0.9f, 0.6f, 0.2f, 0.3f}, 2, 2),
        Tensor.vector(2, 1));
    assertEquals(flat.result(), twoOutputs.result(), 1e-12);
  }
}
