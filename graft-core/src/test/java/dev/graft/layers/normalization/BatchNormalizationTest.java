package dev.graft.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dense;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
  private static final float[] MOVING_MEAN = {0.5f, -1f, 2f};
  private static final float[] MOVING_VARIANCE = {4f, 0.25f, 1f};

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  /** A BN layer on 3 features with known moving statistics and non-trivial gamma and beta. */
  private static BatchNormalization layer() {
    BatchNormalization bn =
        new BatchNormalization(
            BatchNormalization.defaults()
                .gammaInitializer(s -> Tensor.vector(1.5f, 0.5f, 2f))
                .betaInitializer(s -> Tensor.vector(0.1f, 0.2f, -0.3f))
                .movingMeanInitializer(s -> Tensor.vector(MOVING_MEAN))
                .movingVarianceInitializer(s -> Tensor.vector(MOVING_VARIANCE)));
    bn.build(List.of(new int[] {-1, 3}));
    return bn;
  }

  private static Tensor batch() {
    return new Rng(2).normal(1, 2, 6, 3);
  }

  /** What inference computes: the moving statistics, gamma and beta, per feature. */
  private static float[] withMovingStatistics(Tensor x) {
    float[] v = x.toFloatArray();
    float[] gamma = {1.5f, 0.5f, 2f};
    float[] beta = {0.1f, 0.2f, -0.3f};
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      int c = i % 3;
      out[i] =
          (float)
              ((v[i] - MOVING_MEAN[c]) / Math.sqrt(MOVING_VARIANCE[c] + 1e-3) * gamma[c] + beta[c]);
    }
    return out;
  }

  @Test
  void weightsInKerasOrderWithTheGuideCounts() {
    BatchNormalization bn = new BatchNormalization();
    bn.build(List.of(new int[] {-1, 8, 8, 4}));
    List<Variable> w = bn.weights();
    assertEquals(4, w.size());
    String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
    for (int i = 0; i < 4; i++) {
      assertEquals("batch_normalization/" + names[i], w.get(i).name());
      assertArrayEquals(new int[] {4}, w.get(i).shape().dims());
    }
    assertEquals(2, bn.trainableWeights().size());
    assertEquals(2, bn.nonTrainableWeights().size());
    assertFalse(bn.movingMean().isTrainable());
    assertArrayEquals(new float[] {1, 1, 1, 1}, bn.gamma().toFloatArray(), 0f);
    assertArrayEquals(new float[] {1, 1, 1, 1}, bn.movingVariance().toFloatArray(), 0f);

    BatchNormalization bare =
        new BatchNormalization(BatchNormalization.defaults().center(false).scale(false));
    bare.build(List.of(new int[] {-1, 5}));
    assertEquals(2, bare.weights().size());
    assertEquals(0, bare.trainableWeights().size());
    assertNull(bare.gamma());
    assertNull(bare.beta());
  }

  @Test
  void symbolicCallKeepsTheShapeAndChangesNothing() {
    BatchNormalization bn = new BatchNormalization();
    KerasTensor out = bn.apply(Input.of(5, 5, 2));
    assertArrayEquals(new int[] {-1, 5, 5, 2}, out.shape());
    assertArrayEquals(new float[] {0, 0}, bn.movingMean().toFloatArray(), 0f);
    assertArrayEquals(new float[] {1, 1}, bn.movingVariance().toFloatArray(), 0f);
  }

  @Test
  void inferenceUsesTheMovingStatistics() {
    BatchNormalization bn = layer();
    Tensor x = batch();
    assertArrayEquals(withMovingStatistics(x), bn.apply(x).toFloatArray(), 1e-5f);
    assertArrayEquals(MOVING_MEAN, bn.movingMean().toFloatArray(), 0f);
    assertArrayEquals(MOVING_VARIANCE, bn.movingVariance().toFloatArray(), 0f);
  }

  @Test
  void trainingUsesBatchStatisticsAndUpdatesTheMovingOnes() {
    BatchNormalization bn = layer();
    Tensor x = batch();
    Tensor y = bn.apply(x, true);
    float[] v = x.toFloatArray();
    float[] out = y.toFloatArray();
    float[] gamma = {1.5f, 0.5f, 2f};
    float[] beta = {0.1f, 0.2f, -0.3f};
    for (int c = 0; c < 3; c++) {
      double mean = 0;
      for (int n = 0; n < 6; n++) {
        mean += v[n * 3 + c];
      }
      mean /= 6;
      double var = 0;
      for (int n = 0; n < 6; n++) {
        var += (v[n * 3 + c] - mean) * (v[n * 3 + c] - mean);
      }
      var /= 6; // biased, as Keras 3
      for (int n = 0; n < 6; n++) {
        double expected = (v[n * 3 + c] - mean) / Math.sqrt(var + 1e-3) * gamma[c] + beta[c];
        assertEquals(expected, out[n * 3 + c], 1e-5);
      }
      assertEquals(MOVING_MEAN[c] * 0.99 + mean * 0.01, bn.movingMean().toFloatArray()[c], 1e-6);
      assertEquals(
          MOVING_VARIANCE[c] * 0.99 + var * 0.01, bn.movingVariance().toFloatArray()[c], 1e-5);
    }
  }

  @Test
  void frozenLayerInATrainingCallBehavesAsInference() {
    BatchNormalization bn = layer();
    bn.setTrainable(false);
    Tensor x = batch();
    assertArrayEquals(withMovingStatistics(x), bn.apply(x, true).toFloatArray(), 1e-5f);
    assertArrayEquals(MOVING_MEAN, bn.movingMean().toFloatArray(), 0f);
    assertArrayEquals(MOVING_VARIANCE, bn.movingVariance().toFloatArray(), 0f);

    bn.setTrainable(true);
    bn.apply(x, true);
    assertFalse(bn.movingMean().toFloatArray()[0] == MOVING_MEAN[0], "unfrozen BN must update");
  }

  @Test
  void freezingTheEnclosingModelFreezesItsBatchNormalization() {
    KerasTensor in = Input.of(3);
    BatchNormalization bn =
        new BatchNormalization(
            BatchNormalization.defaults()
                .movingMeanInitializer(s -> Tensor.vector(MOVING_MEAN))
                .movingVarianceInitializer(s -> Tensor.vector(MOVING_VARIANCE)));
    Model model = new Model(in, new Dense(2).apply(bn.apply(in)), "m");
    model.setTrainable(false);
    model.apply(batch(), true);
    assertArrayEquals(MOVING_MEAN, bn.movingMean().toFloatArray(), 0f);
    assertArrayEquals(MOVING_VARIANCE, bn.movingVariance().toFloatArray(), 0f);
    assertEquals(0, model.trainableWeights().size());
    assertEquals(6, model.nonTrainableWeights().size());

    model.setTrainable(true);
    model.apply(batch(), true);
    assertFalse(bn.movingMean().toFloatArray()[0] == MOVING_MEAN[0], "unfrozen BN must update");
  }

  @Test
  void trainingGradientsFlowThroughTheBatchStatistics() {
    BatchNormalization bn = layer();
    GradCheck.layer(bn, batch(), true);
    GradCheck.layer(bn, batch(), false);
  }

  @Test
  void gradientsWithoutScaleOrCenterAndOnAnotherAxis() {
    for (boolean center : new boolean[] {false, true}) {
      for (boolean scale : new boolean[] {false, true}) {
        BatchNormalization bn =
            new BatchNormalization(
                BatchNormalization.defaults()
                    .center(center)
                    .scale(scale)
                    .movingMeanInitializer(s -> Tensor.vector(MOVING_MEAN))
                    .movingVarianceInitializer(s -> Tensor.vector(MOVING_VARIANCE)));
        bn.build(List.of(new int[] {-1, 3}));
        GradCheck.layer(bn, batch(), true);
        GradCheck.layer(bn, batch(), false);
      }
    }
    BatchNormalization channelsFirst =
        new BatchNormalization(
            BatchNormalization.defaults()
                .axis(1)
                .gammaInitializer(s -> Tensor.vector(1.5f, 0.5f, 2f))
                .betaInitializer(s -> Tensor.vector(0.1f, 0.2f, -0.3f)));
    channelsFirst.build(List.of(new int[] {-1, 3, 2, 2}));
    GradCheck.layer(channelsFirst, new Rng(3).normal(1, 2, 2, 3, 2, 2), true);
    GradCheck.layer(channelsFirst, new Rng(3).normal(1, 2, 2, 3, 2, 2), false);
  }

  @Test
  void theMovingUpdateIsNotPartOfTheGradient() {
    BatchNormalization bn = layer();
    Tensor x = batch();
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(bn.movingMean(), bn.movingVariance());
      Tensor loss = Ops.sum(Ops.square(bn.apply(x, true)));
      grads = tape.gradient(loss, List.of(bn.gamma(), bn.beta(), bn.movingMean()));
    }
    assertNotNull(grads.get(0));
    assertNotNull(grads.get(1));
    Tensor g = grads.get(2);
    assertTrue(
        g == null || Ops.sum(Ops.abs(g)).item() == 0f,
        "the training path must not depend on the moving mean");
  }

  @Test
  void otherFeatureAxesMatchTheLastAxis() {
    Tensor x = new Rng(4).normal(0, 1, 2, 3, 4, 2);
    BatchNormalization last = new BatchNormalization();
    BatchNormalization second = new BatchNormalization(BatchNormalization.defaults().axis(1));
    Tensor yLast = last.apply(x, true);
    Tensor ySecond = second.apply(Ops.transpose(x, 0, 3, 1, 2), true);
    assertArrayEquals(new int[] {2}, second.gamma().shape().dims());
    assertArrayEquals(
        yLast.toFloatArray(), Ops.transpose(ySecond, 0, 2, 3, 1).toFloatArray(), 1e-5f);
    assertArrayEquals(
        last.movingVariance().toFloatArray(), second.movingVariance().toFloatArray(), 1e-6f);
  }

  @Test
  void errorsNameTheLayerAndTheShapes() {
    BatchNormalization bn = new BatchNormalization(BatchNormalization.defaults().name("bn"));
    bn.apply(Tensor.zeros(2, 4, 4, 3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bn.apply(Tensor.zeros(2, 4, 4, 5)));
    assertTrue(
        e.getMessage().contains("'bn'")
            && e.getMessage().contains("(None, None, None, 3)")
            && e.getMessage().contains("(2, 4, 4, 5)"),
        e.getMessage());
    IllegalArgumentException axis =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new BatchNormalization(BatchNormalization.defaults().axis(0).name("b0"))
                    .apply(Input.of(3)));
    assertTrue(
        axis.getMessage().contains("'b0'") && axis.getMessage().contains("(None, 3)"),
        axis.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchNormalization(BatchNormalization.defaults().momentum(1.5f)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchNormalization(BatchNormalization.defaults().epsilon(0f)));
  }
}
