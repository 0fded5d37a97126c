package dev.graft.metrics;

import static dev.graft.metrics.MetricTesting.col;
import static dev.graft.metrics.MetricTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.losses.BinaryCrossentropy;
import dev.graft.losses.CategoricalCrossentropy;
import dev.graft.losses.MeanSquaredError;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Metrics#byName}: Keras's string shortcuts, named by the string asked for. */
class MetricsByNameTest {
  @Test
  void accuracyFollowsTheLoss() {
    Metric binary = Metrics.byName("accuracy", new BinaryCrossentropy(true));
    assertInstanceOf(BinaryAccuracy.class, binary);
    assertEquals("accuracy", binary.name());
    Metric acc = Metrics.byName("acc", new SparseCategoricalCrossentropy(true));
    assertInstanceOf(SparseCategoricalAccuracy.class, acc);
    assertEquals("acc", acc.name());
    assertInstanceOf(
        CategoricalAccuracy.class, Metrics.byName("Accuracy", new CategoricalCrossentropy()));
  }

  @Test
  void withoutADecidingLossAccuracyFollowsTheShapesAsKeras3() {
    ShapeMatchedAccuracy binary = (ShapeMatchedAccuracy) Metrics.byName("accuracy");
    assertEquals(0.0, binary.result());
    binary.update(col(1, 0), col(0.7f, 0.6f), null);
    assertInstanceOf(BinaryAccuracy.class, binary.chosen());
    assertEquals(0.5, binary.result(), 1e-12);

    Tensor scores = rows(new float[][] {{0.1f, 0.9f}, {0.8f, 0.2f}});
    ShapeMatchedAccuracy sparse =
        (ShapeMatchedAccuracy) Metrics.byName("accuracy", new MeanSquaredError());
    sparse.update(Tensor.vector(1, 1), scores, null);
    assertInstanceOf(SparseCategoricalAccuracy.class, sparse.chosen());
    assertEquals(0.5, sparse.result(), 1e-12);
    sparse.reset();
    assertEquals(0.0, sparse.result());

    ShapeMatchedAccuracy categorical = (ShapeMatchedAccuracy) Metrics.byName("acc");
    categorical.update(rows(new float[][] {{0, 1}, {1, 0}}), scores, null);
    assertInstanceOf(CategoricalAccuracy.class, categorical.chosen());
    assertEquals(1.0, categorical.result(), 1e-12);
    assertEquals("acc", categorical.name());
  }

  @Test
  void otherShortcuts() {
    assertInstanceOf(Auc.class, Metrics.byName("auc"));
    assertEquals("AUC", Metrics.byName("AUC").name());
    assertInstanceOf(Precision.class, Metrics.byName("precision"));
    assertInstanceOf(Recall.class, Metrics.byName("recall"));
    assertInstanceOf(BinaryAccuracy.class, Metrics.byName("binary_accuracy"));
    assertInstanceOf(
        SparseTopKCategoricalAccuracy.class, Metrics.byName("sparse_top_k_categorical_accuracy"));
    assertEquals(5, ((TopKCategoricalAccuracy) Metrics.byName("top_k_categorical_accuracy")).k());

    Metric mse = Metrics.byName("mse");
    assertEquals("mse", mse.name());
    // Per-sample means over the last axis: (1 + 0) / 2 and 4 / 2, then their mean.
    mse.update(rows(new float[][] {{1, 0}, {0, 0}}), rows(new float[][] {{0, 0}, {2, 0}}), null);
    assertEquals((0.5 + 2) / 2, mse.result(), 1e-7);
    Metric mae = Metrics.byName("mae");
    mae.update(Tensor.vector(1, 2), Tensor.vector(2, 4), null);
    assertEquals(1.5, mae.result(), 1e-7);
  }

  @Test
  void unknownNamesSayWhatIsKnown() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metrics.byName("f1", null));
    assertEquals(true, e.getMessage().contains("known: accuracy"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Metrics.byName("", null));
  }
}
