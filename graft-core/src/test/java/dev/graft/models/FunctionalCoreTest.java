package dev.graft.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dense;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionalCoreTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void automaticNamesFollowKeras() {
    assertEquals("dense", new Dense(2).name());
    assertEquals("dense_1", new Dense(2).name());
    assertEquals("my_head", new Dense(Dense.units(2).name("my_head")).name());
    assertEquals("batch_normalization", LayerNames.snakeCase("BatchNormalization"));
    assertEquals("conv2d", LayerNames.snakeCase("Conv2D"));
    assertEquals("re_lu", LayerNames.snakeCase("ReLU"));
    assertEquals("global_average_pooling2d", LayerNames.snakeCase("GlobalAveragePooling2D"));
  }

  @Test
  void denseBuiltOnFourFeaturesHasTheGuideWeightCounts() {
    Dense layer = new Dense(3);
    layer.build(List.of(new int[] {-1, 4}));
    assertEquals(2, layer.weights().size());
    assertEquals(2, layer.trainableWeights().size());
    assertEquals(0, layer.nonTrainableWeights().size());
    layer.setTrainable(false);
    assertEquals(2, layer.weights().size());
    assertEquals(0, layer.trainableWeights().size());
    assertEquals(2, layer.nonTrainableWeights().size());
    assertEquals(15, layer.countParams());
  }

  @Test
  void functionalModelRunsAndDifferentiates() {
    KerasTensor in = Input.of(4);
    KerasTensor h = new Dense(Dense.units(5).activation("relu")).apply(in);
    KerasTensor out = new Dense(2).apply(h);
    Model model = new Model(in, out, "mlp");
    assertArrayEquals(new int[] {-1, 2}, out.shape());
    assertEquals(3, model.layers().size());
    assertEquals(4, model.weights().size());
    assertSame(model.layers().get(1), model.getLayer("dense"));
    Tensor x = new Rng(1).normal(0, 1, 3, 4);
    Tensor y = model.apply(x);
    assertArrayEquals(new int[] {3, 2}, y.shape().dims());
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      grads =
          tape.gradient(Ops.sum(model.apply(x, true)), new ArrayList<>(model.trainableWeights()));
    }
    for (Tensor g : grads) {
      assertTrue(g != null);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.apply(Tensor.zeros(3, 5)));
    assertTrue(
        e.getMessage().contains("(None, 4)") && e.getMessage().contains("(3, 5)"), e.getMessage());
  }

  @Test
  void freezingIsRecursiveAndFrozenWeightsGetNoGradient() {
    KerasTensor in = Input.of(4);
    Model inner = new Model(in, new Dense(3).apply(new Dense(3).apply(in)), "inner");
    KerasTensor outerIn = Input.of(4);
    Dense head = new Dense(1);
    Model outer = new Model(outerIn, head.apply(inner.apply(outerIn)), "outer");
    inner.setTrainable(false);
    assertFalse(inner.getLayer("dense").isTrainable());
    assertEquals(2, outer.trainableWeights().size());
    assertEquals(4, outer.nonTrainableWeights().size());
    Variable frozen = inner.weights().get(0);
    Tensor g;
    try (GradientTape tape = GradientTape.open()) {
      g = tape.gradient(Ops.sum(outer.apply(Tensor.ones(2, 4), true)), frozen);
    }
    assertNull(g);
    inner.setTrainable(true);
    assertEquals(6, outer.trainableWeights().size());
  }

  @Test
  void explicitTrainingAtBuildTimeHoldsForTheModelsLife() {
    KerasTensor in = Input.of(2);
    Probe fixed = new Probe("fixed");
    Probe follows = new Probe("follows");
    KerasTensor a = fixed.apply(in, false);
    Model model = new Model(in, follows.apply(a), "m");
    fixed.seen.clear();
    follows.seen.clear();
    model.apply(Tensor.ones(1, 2), true);
    model.apply(Tensor.ones(1, 2), false);
    assertEquals(List.of(false, false), fixed.seen);
    assertEquals(List.of(true, false), follows.seen);
  }

  @Test
  void sequentialBuildsFromItsInputShapeOrOnFirstCall() {
    Sequential s = new Sequential("s").withInput(4);
    s.add(new Dense(3)).add(new Dense(2));
    assertEquals(2, s.layers().size());
    assertEquals(4, s.weights().size());
    Sequential lazy = new Sequential();
    lazy.add(new Dense(3));
    assertFalse(lazy.layers().get(0).isBuilt());
    assertArrayEquals(new int[] {5, 3}, lazy.apply(Tensor.ones(5, 7)).shape().dims());
    assertEquals(2, lazy.weights().size());
    Layer popped = s.pop();
    assertEquals("dense_1", popped.name());
    assertEquals(2, s.weights().size());
  }

  @Test
  void sequentialTracksOnlyTheInputLayerOfItsCurrentGraph() {
    // Every add() rebuilds the graph on a new input layer; the replaced ones must not pile up.
    Sequential s = new Sequential("s").withInput(4);
    s.add(new Dense(3)).add(new Dense(2)).add(new Dense(1));
    s.pop();
    long inputs = s.sublayers().stream().filter(l -> l instanceof InputLayer).count();
    assertEquals(1, inputs);
    assertEquals(3, s.sublayers().size());
  }
}
