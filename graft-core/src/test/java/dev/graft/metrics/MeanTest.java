package dev.graft.metrics;

import static dev.graft.metrics.MetricTesting.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Mean} against Keras's documented values and its rules for weights and trailing axes. */
class MeanTest {
  @Test
  void kerasDocstringValues() {
    Mean m = new Mean();
    assertEquals("mean", m.name());
    m.update(Tensor.vector(1, 3, 5, 7), null);
    assertEquals(4.0, m.result(), 1e-12);
    m.reset();
    assertEquals(0.0, m.result());
    m.update(Tensor.vector(1, 3, 5, 7), Tensor.vector(1, 1, 0, 0));
    assertEquals(2.0, m.result(), 1e-12);
  }

  @Test
  void nothingAccumulatedOrZeroWeightsGiveZero() {
    Mean m = new Mean("loss");
    assertEquals("loss", m.name());
    assertEquals(0.0, m.result());
    m.update(Tensor.vector(5, 6), Tensor.vector(0, 0));
    assertEquals(0.0, m.result());
  }

  @Test
  void scalarsAndRunningLoss() {
    Mean m = new Mean();
    m.update(2.0);
    m.update(4.0, 3.0);
    assertEquals((2 + 12) / 4.0, m.result(), 1e-12);
    m.update(Tensor.scalar(10), null);
    assertEquals((2 + 12 + 10) / 5.0, m.result(), 1e-12);
  }

  @Test
  void rankTwoValuesAreAveragedPerSample() {
    // Keras: samples count once each, whatever their number of values.
    Mean m = new Mean();
    m.update(t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), null);
    assertEquals(3.5, m.result(), 1e-12);
    assertEquals(2.0, m.count(), 1e-12);
    m.reset();
    // Per-sample weights: (2 * 1 + 1 * 4) / 3 averaged per sample = (2*2 + 1*5) / 3.
    m.update(t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.vector(2, 1));
    assertEquals((2 * 2.0 + 1 * 5.0) / 3, m.result(), 1e-12);
    m.reset();
    // Per-value weights: sum(v * w) / sum(w).
    m.update(t(new float[] {1, 2, 3, 4}, 2, 2), t(new float[] {1, 0, 0, 3}, 2, 2));
    assertEquals((1 + 12) / 4.0, m.result(), 1e-12);
    m.reset();
    // Values (n, 1) with weights (n): the weights gain the trailing axis.
    m.update(t(new float[] {1, 3}, 2, 1), Tensor.vector(3, 1));
    assertEquals(6 / 4.0, m.result(), 1e-12);
  }

  @Test
  void scalarWeightCountsTheBatchAsThatManySamples() {
    // Keras averages the batch first, then weighs it: count += w, not n * w.
    Mean m = new Mean();
    m.update(Tensor.vector(1, 3), Tensor.scalar(2));
    assertEquals(2.0, m.count(), 1e-12);
    m.update(Tensor.vector(10), Tensor.scalar(2));
    assertEquals((2 * 2 + 10 * 2) / 4.0, m.result(), 1e-12);
  }

  @Test
  void weightedMeanIsIndependentOfBatching() {
    Random rnd = new Random(3);
    int n = 97;
    float[] v = MetricTesting.uniform(rnd, n);
    float[] w = MetricTesting.uniform(rnd, n);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (double) v[i] * w[i];
      den += w[i];
    }
    Mean m = new Mean();
    for (int trial = 0; trial < 5; trial++) {
      double r =
          MetricTesting.inBatches(
              new Metric() {
                @Override
                public String name() {
                  return m.name();
                }

                @Override
                public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                  m.update(yPred, sampleWeight);
                }

                @Override
                public double result() {
                  return m.result();
                }

                @Override
                public void reset() {
                  m.reset();
                }
              },
              Tensor.vector(v),
              Tensor.vector(v),
              Tensor.vector(w),
              rnd);
      assertEquals(num / den, r, 1e-9);
    }
  }

  @Test
  void metricFormAveragesPredictions() {
    Mean m = new Mean();
    m.update(Tensor.vector(100, 100), Tensor.vector(1, 3), null);
    assertEquals(2.0, m.result(), 1e-12);
  }

  @Test
  void badWeightsAreNamed() {
    Mean m = new Mean("loss");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.update(Tensor.vector(1, 2, 3), Tensor.vector(1, 2)));
    assertEquals(true, e.getMessage().startsWith("loss: sample weights"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Mean(""));
  }
}
