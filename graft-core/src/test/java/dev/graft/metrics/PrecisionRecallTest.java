package dev.graft.metrics;

import static dev.graft.metrics.MetricTesting.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Precision} and {@link Recall} against Keras's documented values and a naive count. */
class PrecisionRecallTest {
  private static final Random RND = new Random(17);

  @Test
  void kerasDocstrings() {
    Precision p = new Precision();
    assertEquals("precision", p.name());
    p.update(Tensor.vector(0, 1, 1, 1), Tensor.vector(1, 0, 1, 1), null);
    assertEquals(2 / 3.0, p.result(), 1e-12);
    p.reset();
    p.update(Tensor.vector(0, 1, 1, 1), Tensor.vector(1, 0, 1, 1), Tensor.vector(0, 0, 1, 0));
    assertEquals(1.0, p.result(), 1e-12);

    Recall r = new Recall();
    assertEquals("recall", r.name());
    r.update(Tensor.vector(0, 1, 1, 1), Tensor.vector(1, 0, 1, 1), null);
    assertEquals(2 / 3.0, r.result(), 1e-12);
    r.reset();
    r.update(Tensor.vector(0, 1, 1, 1), Tensor.vector(1, 0, 1, 1), Tensor.vector(0, 0, 1, 0));
    assertEquals(1.0, r.result(), 1e-12);
  }

  @Test
  void thresholdIsStrict() {
    Precision p = new Precision();
    p.update(col(1, 0), col(0.5f, 0.51f), null); // only 0.51 is positive, and wrong
    assertEquals(0.0, p.result());
    Recall r = new Recall(0.2f, "recall_at_0.2");
    assertEquals("recall_at_0.2", r.name());
    r.update(col(1, 1), col(0.2f, 0.21f), null);
    assertEquals(0.5, r.result(), 1e-12);
  }

  @Test
  void noPositivesGiveZero() {
    Precision p = new Precision();
    assertEquals(0.0, p.result());
    p.update(col(1, 1), col(0.1f, 0.2f), null); // nothing predicted positive
    assertEquals(0.0, p.result());
    Recall r = new Recall();
    r.update(col(0, 0), col(0.9f, 0.2f), null); // no positive label
    assertEquals(0.0, r.result());
  }

  @Test
  void thresholdsOutsideUnitIntervalAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Precision(1.5f));
    assertThrows(IllegalArgumentException.class, () -> new Recall(-0.1f));
    assertThrows(IllegalArgumentException.class, () -> new Recall(Float.NaN));
  }

  @Test
  void randomBatchesMatchNaiveCounts() {
    int n = 120;
    int outputs = 3;
    float[] y = MetricTesting.labels(RND, n * outputs, 2);
    float[] pred = MetricTesting.uniform(RND, n * outputs);
    float[] w = MetricTesting.uniform(RND, n);
    float threshold = 0.3f;
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (int i = 0; i < n * outputs; i++) {
      double weight = w[i / outputs];
      boolean predicted = pred[i] > threshold;
      if (predicted && y[i] == 1) {
        tp += weight;
      } else if (predicted) {
        fp += weight;
      } else if (y[i] == 1) {
        fn += weight;
      }
    }
    Tensor yt = Tensor.of(y, n, outputs);
    Tensor pt = Tensor.of(pred, n, outputs);
    for (int trial = 0; trial < 3; trial++) {
      assertEquals(
          tp / (tp + fp),
          MetricTesting.inBatches(new Precision(threshold), yt, pt, Tensor.vector(w), RND),
          1e-9);
      assertEquals(
          tp / (tp + fn),
          MetricTesting.inBatches(new Recall(threshold), yt, pt, Tensor.vector(w), RND),
          1e-9);
    }
  }

  @Test
  void labelsAndWeightsAlignAsInKeras() {
    // Labels (n) against predictions (n, 1); weights (n) and (n, 1).
    Precision a = new Precision();
    a.update(Tensor.vector(1, 0, 1), col(0.9f, 0.8f, 0.7f), Tensor.vector(1, 3, 1));
    assertEquals(2 / 5.0, a.result(), 1e-12);
    Precision b = new Precision();
    b.update(col(1, 0, 1), Tensor.vector(0.9f, 0.8f, 0.7f), col(1, 3, 1));
    assertEquals(2 / 5.0, b.result(), 1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Recall().update(Tensor.vector(1, 0), Tensor.vector(0.9f, 0.8f, 0.7f), null));
  }
}
