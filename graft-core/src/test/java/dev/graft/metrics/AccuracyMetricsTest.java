package dev.graft.metrics;

import static dev.graft.metrics.MetricTesting.col;
import static dev.graft.metrics.MetricTesting.rows;
import static dev.graft.metrics.MetricTesting.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The accuracies against Keras's documented values, against naive references over random data fed
 * in random batches, with sample weights, reset and bad shapes.
 */
class AccuracyMetricsTest {
  private static final Random RND = new Random(11);

  @Test
  void defaultNamesAreKeras() {
    assertEquals("accuracy", new Accuracy().name());
    assertEquals("binary_accuracy", new BinaryAccuracy().name());
    assertEquals("categorical_accuracy", new CategoricalAccuracy().name());
    assertEquals("sparse_categorical_accuracy", new SparseCategoricalAccuracy().name());
    assertEquals("top_k_categorical_accuracy", new TopKCategoricalAccuracy().name());
    assertEquals("sparse_top_k_categorical_accuracy", new SparseTopKCategoricalAccuracy().name());
    assertEquals("acc", new BinaryAccuracy(0.5f, "acc").name());
    assertEquals(5, new TopKCategoricalAccuracy().k());
  }

  @Test
  void accuracyDocstring() {
    Accuracy m = new Accuracy();
    m.update(col(1, 2, 3, 4), col(0, 2, 3, 4), null);
    assertEquals(0.75, m.result(), 1e-12);
    m.reset();
    m.update(col(1, 2, 3, 4), col(0, 2, 3, 4), Tensor.vector(1, 1, 0, 0));
    assertEquals(0.5, m.result(), 1e-12);
    m.reset();
    // Labels (n) against predictions (n, 1).
    m.update(Tensor.vector(1, 2), col(1, 5), null);
    assertEquals(0.5, m.result(), 1e-12);
  }

  @Test
  void binaryAccuracyDocstring() {
    BinaryAccuracy m = new BinaryAccuracy();
    m.update(col(1, 1, 0, 0), col(0.98f, 1, 0, 0.6f), null);
    assertEquals(0.75, m.result(), 1e-12);
    m.reset();
    m.update(col(1, 1, 0, 0), col(0.98f, 1, 0, 0.6f), Tensor.vector(1, 0, 0, 1));
    assertEquals(0.5, m.result(), 1e-12);
  }

  @Test
  void binaryAccuracyThresholdIsStrictAndAppliesToRawOutputs() {
    BinaryAccuracy m = new BinaryAccuracy();
    // 0.5 is not above 0.5: predicted 0.
    m.update(Tensor.vector(0, 1), Tensor.vector(0.5f, 0.5f), null);
    assertEquals(0.5, m.result(), 1e-12);
    m.reset();
    // Logits as Keras's guide uses them: 0.3 (sigmoid 0.57) still counts as class 0.
    m.update(col(1, 0, 1), col(0.3f, -2f, 4f), null);
    assertEquals(2 / 3.0, m.result(), 1e-12);
    BinaryAccuracy logits = new BinaryAccuracy(0f);
    logits.update(col(1, 0, 1), col(0.3f, -2f, 4f), null);
    assertEquals(1.0, logits.result(), 1e-12);
  }

  @Test
  void binaryAccuracyMultiOutputAveragesPerSample() {
    BinaryAccuracy m = new BinaryAccuracy();
    // Sample 0: 2 of 2 right; sample 1: 1 of 2. Weights (n) apply per sample.
    Tensor y = rows(new float[][] {{1, 0}, {1, 1}});
    Tensor p = rows(new float[][] {{0.9f, 0.1f}, {0.7f, 0.2f}});
    m.update(y, p, null);
    assertEquals(0.75, m.result(), 1e-12);
    m.reset();
    m.update(y, p, Tensor.vector(3, 1));
    assertEquals((3 * 1.0 + 1 * 0.5) / 4, m.result(), 1e-12);
  }

  @Test
  void categoricalAccuracyDocstring() {
    CategoricalAccuracy m = new CategoricalAccuracy();
    Tensor y = rows(new float[][] {{0, 0, 1}, {0, 1, 0}});
    Tensor p = rows(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
    m.update(y, p, null);
    assertEquals(0.5, m.result(), 1e-12);
    m.reset();
    m.update(y, p, Tensor.vector(0.7f, 0.3f));
    assertEquals(0.3, m.result(), 1e-7);
  }

  @Test
  void sparseCategoricalAccuracyDocstring() {
    Tensor p = rows(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}});
    for (Tensor y : new Tensor[] {col(2, 1), Tensor.vector(2, 1)}) {
      SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
      m.update(y, p, null);
      assertEquals(0.5, m.result(), 1e-12);
      m.reset();
      m.update(y, p, Tensor.vector(0.7f, 0.3f));
      assertEquals(0.3, m.result(), 1e-7);
    }
  }

  @Test
  void topKDocstrings() {
    Tensor p = rows(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
    TopKCategoricalAccuracy m = new TopKCategoricalAccuracy(1);
    m.update(rows(new float[][] {{0, 0, 1}, {0, 1, 0}}), p, null);
    assertEquals(0.5, m.result(), 1e-12);
    m.reset();
    m.update(rows(new float[][] {{0, 0, 1}, {0, 1, 0}}), p, Tensor.vector(0.7f, 0.3f));
    assertEquals(0.3, m.result(), 1e-7);
    SparseTopKCategoricalAccuracy s = new SparseTopKCategoricalAccuracy(1);
    s.update(Tensor.vector(2, 1), p, null);
    assertEquals(0.5, s.result(), 1e-12);
    SparseTopKCategoricalAccuracy s2 = new SparseTopKCategoricalAccuracy(2);
    s2.update(col(2, 1), p, null);
    assertEquals(1.0, s2.result(), 1e-12);
  }

  @Test
  void topKTiesAtTheBoundaryCountAsIn() {
    // Class 0 ties with class 1 for the largest score: both are "in the top 1", as in Keras.
    Tensor p = rows(new float[][] {{0.4f, 0.4f, 0.2f}});
    SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy(1);
    m.update(Tensor.vector(1), p, null);
    assertEquals(1.0, m.result());
    m.reset();
    m.update(Tensor.vector(2), p, null);
    assertEquals(0.0, m.result());
    m.reset();
    m.update(Tensor.vector(7), p, null); // outside the classes: never in
    assertEquals(0.0, m.result());
  }

  @Test
  void argmaxTiesPickTheFirstClass() {
    Tensor p = rows(new float[][] {{0.4f, 0.4f, 0.2f}});
    SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
    m.update(Tensor.vector(0), p, null);
    assertEquals(1.0, m.result());
    m.reset();
    m.update(Tensor.vector(1), p, null);
    assertEquals(0.0, m.result());
  }

  // ---- naive references over random data, fed in random batches ----

  @Test
  void randomBatchesMatchNaiveReferences() {
    int n = 83;
    int classes = 6;
    float[] scores = MetricTesting.uniform(RND, n * classes);
    float[] sparse = MetricTesting.labels(RND, n, classes);
    float[] onehot = new float[n * classes];
    for (int i = 0; i < n; i++) {
      onehot[i * classes + (int) sparse[i]] = 1;
    }
    float[] weights = MetricTesting.uniform(RND, n);
    float[] binaryLabels = MetricTesting.labels(RND, n, 2);
    float[] binaryPred = MetricTesting.uniform(RND, n);
    Tensor p = t(scores, n, classes);
    Tensor ySparse = t(sparse, n, 1);
    Tensor yOneHot = t(onehot, n, classes);
    Tensor w = Tensor.vector(weights);

    double[] argmaxRight = new double[n];
    double[] top3Right = new double[n];
    double[] binaryRight = new double[n];
    double[] exactRight = new double[n];
    for (int i = 0; i < n; i++) {
      int label = (int) sparse[i];
      int best = 0;
      int larger = 0;
      for (int c = 0; c < classes; c++) {
        if (scores[i * classes + c] > scores[i * classes + best]) {
          best = c;
        }
        if (scores[i * classes + c] > scores[i * classes + label]) {
          larger++;
        }
      }
      argmaxRight[i] = best == label ? 1 : 0;
      top3Right[i] = larger < 3 ? 1 : 0;
      binaryRight[i] = (binaryPred[i] > 0.5 ? 1 : 0) == binaryLabels[i] ? 1 : 0;
      exactRight[i] = Math.round(binaryPred[i]) == binaryLabels[i] ? 1 : 0;
    }

    for (boolean weighted : new boolean[] {false, true}) {
      Tensor sw = weighted ? w : null;
      float[] ws = weighted ? weights : null;
      assertEquals(
          mean(argmaxRight, ws),
          MetricTesting.inBatches(new CategoricalAccuracy(), yOneHot, p, sw, RND),
          1e-9);
      assertEquals(
          mean(argmaxRight, ws),
          MetricTesting.inBatches(new SparseCategoricalAccuracy(), ySparse, p, sw, RND),
          1e-9);
      assertEquals(
          mean(top3Right, ws),
          MetricTesting.inBatches(new TopKCategoricalAccuracy(3), yOneHot, p, sw, RND),
          1e-9);
      assertEquals(
          mean(top3Right, ws),
          MetricTesting.inBatches(new SparseTopKCategoricalAccuracy(3), ySparse, p, sw, RND),
          1e-9);
      assertEquals(
          mean(binaryRight, ws),
          MetricTesting.inBatches(
              new BinaryAccuracy(), t(binaryLabels, n, 1), t(binaryPred, n, 1), sw, RND),
          1e-9);
      float[] rounded = new float[n];
      for (int i = 0; i < n; i++) {
        rounded[i] = Math.round(binaryPred[i]);
      }
      assertEquals(
          mean(exactRight, ws),
          MetricTesting.inBatches(
              new Accuracy(), Tensor.vector(binaryLabels), Tensor.vector(rounded), sw, RND),
          1e-9);
    }
  }

  private static double mean(double[] right, float[] weights) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < right.length; i++) {
      double w = weights == null ? 1 : weights[i];
      num += right[i] * w;
      den += w;
    }
    return num / den;
  }

  @Test
  void resetStartsOver() {
    CategoricalAccuracy m = new CategoricalAccuracy();
    m.update(rows(new float[][] {{1, 0}}), rows(new float[][] {{0, 1}}), null);
    assertEquals(0.0, m.result());
    m.reset();
    assertEquals(0.0, m.result());
    m.update(rows(new float[][] {{1, 0}}), rows(new float[][] {{1, 0}}), null);
    assertEquals(1.0, m.result());
  }

  @Test
  void badShapesSayWhatToDo() {
    Tensor p = rows(new float[][] {{0.1f, 0.9f}, {0.6f, 0.4f}});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SparseCategoricalAccuracy().update(Tensor.vector(1, 0, 1), p, null));
    assertEquals(true, e.getMessage().contains("one integer class per sample"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new CategoricalAccuracy().update(Tensor.vector(1, 0), p, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BinaryAccuracy().update(Tensor.vector(1, 0, 1), Tensor.vector(1, 0), null));
    assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0));
  }
}
