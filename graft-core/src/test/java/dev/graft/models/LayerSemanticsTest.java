package dev.graft.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.layers.activation.ReLU;
import dev.graft.layers.core.Dense;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transfer-learning guide's assertions and the Layer / Model semantics behind them, beyond
 * {@link FunctionalCoreTest}: recursive freezing through nested models, weight round trips,
 * parameter counts, how {@code training} resolves through nesting, the frozen base that stays in
 * inference mode, lookups by name, Sequential editing, and weight sharing between models.
 */
class LayerSemanticsTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static Tensor randomInput(long seed, float mean, int... shape) {
    return new Rng(seed).normal(mean, 2f, shape);
  }

  private static Tensor snapshot(Tensor t) {
    return Tensor.of(t.toFloatArray(), t.shape().dims());
  }

  private static void assertSameValues(List<Tensor> a, List<Tensor> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), "weight " + i);
    }
  }

  // ---- recursive trainable ----

  @Test
  void guideNestedSequentialFreezesRecursively() {
    Sequential inner = new Sequential("inner_model").withInput(3);
    inner.add(new Dense(Dense.units(3).activation("relu")));
    inner.add(new Dense(Dense.units(3).activation("relu")));
    Sequential model = new Sequential("model").withInput(3);
    model.add(inner).add(new Dense(Dense.units(3).activation("sigmoid")));

    model.setTrainable(false);
    assertFalse(inner.isTrainable());
    assertFalse(inner.layers().get(0).isTrainable());
    assertFalse(inner.layers().get(1).isTrainable());
    assertEquals(0, model.trainableWeights().size());
    assertEquals(6, model.nonTrainableWeights().size());
    for (Variable v : model.weights()) {
      assertFalse(v.isTrainable(), v.name());
    }

    model.setTrainable(true);
    assertTrue(inner.layers().get(1).isTrainable());
    assertEquals(6, model.trainableWeights().size());
  }

  @Test
  void freezingReachesThroughFunctionalAndSequentialLevels() {
    // outer (functional) > middle (Sequential) > inner (functional) > Dense + BatchNormalization
    KerasTensor in = Input.of(4);
    Dense dense = new Dense(4);
    BatchNormalization bn = new BatchNormalization();
    Model inner = new Model(in, bn.apply(dense.apply(in)), "inner");
    Sequential middle = new Sequential("middle").withInput(4);
    middle.add(inner).add(new Dense(2));
    KerasTensor outerIn = Input.of(4);
    Model outer = new Model(outerIn, new Dense(1).apply(middle.apply(outerIn)), "outer");
    assertEquals(10, outer.weights().size());
    assertEquals(8, outer.trainableWeights().size());
    assertEquals(2, outer.nonTrainableWeights().size());

    outer.setTrainable(false);
    assertFalse(dense.isTrainable());
    assertFalse(bn.isTrainable());
    assertEquals(List.of(), outer.trainableWeights());
    assertEquals(10, outer.nonTrainableWeights().size());

    // Unfreezing an inner model while the outer one stays frozen: the outer model still reports
    // no trainable weights (as Keras), the inner one reports its own.
    inner.setTrainable(true);
    assertEquals(List.of(), outer.trainableWeights());
    assertEquals(List.of(), middle.trainableWeights());
    assertEquals(4, inner.trainableWeights().size());

    outer.setTrainable(true);
    // BatchNormalization's moving statistics were created non-trainable and stay so.
    assertEquals(8, outer.trainableWeights().size());
    assertFalse(bn.movingMean().isTrainable());
    assertFalse(bn.movingVariance().isTrainable());
    assertTrue(bn.gamma().isTrainable());
  }

  @Test
  void layerFrozenBeforeItIsBuiltCreatesFrozenWeights() {
    Dense d = new Dense(3);
    d.setTrainable(false);
    d.build(List.of(new int[] {-1, 4}));
    assertEquals(0, d.trainableWeights().size());
    assertFalse(d.kernel().isTrainable());
    d.setTrainable(true);
    assertEquals(2, d.trainableWeights().size());
  }

  // ---- weights ----

  @Test
  void getWeightsAndSetWeightsRoundTrip() {
    KerasTensor in = Input.of(4);
    Model a = new Model(in, new BatchNormalization().apply(new Dense(3).apply(in)), "a");
    KerasTensor in2 = Input.of(4);
    Model b = new Model(in2, new BatchNormalization().apply(new Dense(3).apply(in2)), "b");
    List<Tensor> wa = a.getWeights();
    assertEquals(6, wa.size());
    // Weights order: the Dense's kernel, bias, then gamma, beta, moving mean, moving variance.
    assertArrayEquals(new int[] {4, 3}, wa.get(0).shape().dims());
    assertArrayEquals(new int[] {3}, wa.get(5).shape().dims());

    Tensor x = randomInput(3, 0f, 5, 4);
    assertNotEquals(a.apply(x).get(0, 0), b.apply(x).get(0, 0));
    b.setWeights(wa);
    assertSameValues(wa, b.getWeights());
    assertArrayEquals(a.apply(x).toFloatArray(), b.apply(x).toFloatArray());

    // getWeights returns copies: changing the model afterwards does not change them.
    Tensor kernelBefore = wa.get(0);
    float first = kernelBefore.get(0, 0);
    a.weights().get(0).assign(Tensor.zeros(4, 3));
    assertEquals(first, kernelBefore.get(0, 0));
  }

  @Test
  void setWeightsNamesTheLayerAndBothShapes() {
    Dense d = new Dense(Dense.units(3).name("head"));
    d.build(List.of(new int[] {-1, 4}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> d.setWeights(List.of(Tensor.zeros(5, 3), Tensor.zeros(3))));
    String msg = e.getMessage();
    assertTrue(msg.contains("'head'"), msg);
    assertTrue(msg.contains("(4, 3)"), msg);
    assertTrue(msg.contains("(5, 3)"), msg);

    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> d.setWeights(List.of(Tensor.zeros(3))));
    assertTrue(count.getMessage().contains("'head'"), count.getMessage());
    assertTrue(count.getMessage().contains("2 weights"), count.getMessage());

    // A failed setWeights changes nothing.
    List<Tensor> before = d.getWeights();
    assertThrows(
        IllegalArgumentException.class,
        () -> d.setWeights(List.of(Tensor.ones(4, 3), Tensor.ones(4))));
    assertSameValues(before, d.getWeights());
  }

  @Test
  void weightlessLayersAreBuiltFromConstructionAndStillCheckShapesOnFirstCall() {
    assertTrue(new Flatten().isBuilt());
    assertEquals(0, new ReLU().countParams());
    MaxPooling2D pool = new MaxPooling2D(3);
    assertEquals(0, pool.countParams());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pool.apply(Tensor.ones(1, 2, 2, 1)));
    assertTrue(e.getMessage().contains("smaller than the pool size"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new MaxPooling2D(3).apply(Input.of(2, 2, 1)));
    assertTrue(e.getMessage().contains("smaller than the pool size"), e.getMessage());
  }

  @Test
  void countParams() {
    Dense d = new Dense(3);
    IllegalStateException e = assertThrows(IllegalStateException.class, d::countParams);
    assertTrue(e.getMessage().contains("not built"), e.getMessage());
    d.build(List.of(new int[] {-1, 4}));
    assertEquals(15, d.countParams());
    BatchNormalization bn = new BatchNormalization();
    bn.build(List.of(new int[] {-1, 4}));
    assertEquals(16, bn.countParams());
    bn.setTrainable(false);
    assertEquals(16, bn.countParams());

    KerasTensor in = Input.of(4);
    Dense shared = new Dense(4);
    Model m = new Model(in, shared.apply(shared.apply(in)), "shared_twice");
    assertEquals(20, m.countParams()); // a layer called twice counts once
    assertEquals(0, Input.of(2).node().layer().countParams());
  }

  // ---- training resolution ----

  @Test
  void trainingResolvesExplicitThenEnclosingThenFalseThroughTwoLevels() {
    Probe follows = new Probe("follows");
    Probe fixedTrue = new Probe("fixed_true");
    KerasTensor in = Input.of(2);
    Model inner = new Model(in, fixedTrue.apply(follows.apply(in), true), "inner");
    KerasTensor midIn = Input.of(2);
    Model middle = new Model(midIn, inner.apply(midIn), "middle");
    KerasTensor outIn = Input.of(2);
    Model outer = new Model(outIn, middle.apply(outIn), "outer");
    KerasTensor pinnedIn = Input.of(2);
    Model pinned = new Model(pinnedIn, middle.apply(pinnedIn, false), "pinned");
    Tensor x = Tensor.ones(1, 2);

    List<List<Boolean>> calls = new ArrayList<>();
    for (Runnable run :
        List.<Runnable>of(
            () -> outer.apply(x, true),
            () -> outer.apply(x, false),
            () -> outer.apply(x),
            () -> pinned.apply(x, true),
            () -> inner.apply(x, true))) {
      follows.seen.clear();
      fixedTrue.seen.clear();
      run.run();
      calls.add(List.of(follows.seen.get(0), fixedTrue.seen.get(0)));
    }
    assertEquals(List.of(true, true), calls.get(0), "enclosing true reaches two levels down");
    assertEquals(List.of(false, true), calls.get(1), "explicit true beats enclosing false");
    assertEquals(List.of(false, true), calls.get(2), "no value means false");
    assertEquals(List.of(false, true), calls.get(3), "a model pinned to false passes false on");
    assertEquals(List.of(true, true), calls.get(4));
  }

  @Test
  void baseCalledWithTrainingFalseStaysInInferenceMode() {
    KerasTensor in = Input.of(4);
    BatchNormalization bn = new BatchNormalization();
    Model base = new Model(in, bn.apply(new Dense(4).apply(in)), "base");
    base.setTrainable(false);
    KerasTensor outerIn = Input.of(4);
    Model model = new Model(outerIn, new Dense(1).apply(base.apply(outerIn, false)), "model");
    Tensor x = randomInput(11, 3f, 8, 4);

    // Frozen: BatchNormalization runs in inference mode whatever training says.
    List<Tensor> stats = List.of(snapshot(bn.movingMean()), snapshot(bn.movingVariance()));
    Tensor inference = model.apply(x, false);
    assertArrayEquals(inference.toFloatArray(), model.apply(x, true).toFloatArray());

    // Unfrozen (fine-tuning): still inference mode, the moving statistics never move ...
    base.setTrainable(true);
    assertTrue(model.trainableWeights().contains(bn.gamma()));
    assertFalse(model.trainableWeights().contains(bn.movingMean()));
    Tensor trained = model.apply(x, true);
    assertArrayEquals(inference.toFloatArray(), trained.toFloatArray(), 0f);
    assertArrayEquals(stats.get(0).toFloatArray(), bn.movingMean().toFloatArray(), 0f);
    assertArrayEquals(stats.get(1).toFloatArray(), bn.movingVariance().toFloatArray(), 0f);

    // ... also inside a gradient step, where gamma and beta still get gradients.
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      grads = tape.gradient(Ops.sum(model.apply(x, true)), List.of(bn.gamma(), bn.beta()));
    }
    assertTrue(grads.get(0) != null && grads.get(1) != null);
    assertArrayEquals(stats.get(0).toFloatArray(), bn.movingMean().toFloatArray(), 0f);

    // The same base called without an explicit value follows the outer model: batch statistics.
    KerasTensor followIn = Input.of(4);
    Model follows = new Model(followIn, new Dense(1).apply(base.apply(followIn)), "follows");
    follows.apply(x, true);
    assertFalse(
        java.util.Arrays.equals(stats.get(0).toFloatArray(), bn.movingMean().toFloatArray()),
        "a base that follows the outer model updates its moving statistics in training");
  }

  // ---- lookup and Sequential editing ----

  @Test
  void getLayerFindsTopLevelLayersByNameAndNamesTheAlternatives() {
    KerasTensor in = Input.named("pixels", 4);
    Model inner = new Model(in, new Dense(Dense.units(2).name("deep")).apply(in), "inner");
    KerasTensor outIn = Input.named("img", 4);
    Model outer =
        new Model(outIn, new Dense(Dense.units(1).name("head")).apply(inner.apply(outIn)), "outer");
    assertSame(inner, outer.getLayer("inner"));
    assertEquals("img", outer.getLayer("img").name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> outer.getLayer("deep"));
    String msg = e.getMessage();
    assertTrue(msg.contains("'outer'") && msg.contains("'deep'"), msg);
    assertTrue(msg.contains("head") && msg.contains("inner") && msg.contains("img"), msg);
    assertEquals("deep", ((Model) outer.getLayer("inner")).getLayer("deep").name());

    Sequential s = new Sequential("s").withInput(4);
    s.add(new Dense(Dense.units(2).name("only")));
    assertEquals("only", s.getLayer("only").name());
    assertThrows(IllegalArgumentException.class, () -> s.getLayer("input_layer"));
  }

  @Test
  void sequentialAddPopAndDuplicateNames() {
    Sequential s = new Sequential("s").withInput(4);
    Dense first = new Dense(Dense.units(3).name("first"));
    s.add(first).add(new Dense(Dense.units(2).name("second")));
    assertArrayEquals(new int[] {5, 2}, s.apply(Tensor.ones(5, 4)).shape().dims());

    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class, () -> s.add(new Dense(Dense.units(7).name("first"))));
    assertTrue(dup.getMessage().contains("'first'"), dup.getMessage());
    assertEquals(2, s.layers().size());
    assertEquals(4, s.weights().size());

    Layer popped = s.pop();
    assertEquals("second", popped.name());
    assertEquals(List.of(first), s.layers());
    assertArrayEquals(new int[] {5, 3}, s.apply(Tensor.ones(5, 4)).shape().dims());
    assertFalse(s.summaryString().contains("second"));

    // The popped name is free again; the new layer is built for the new stack.
    s.add(new Dense(Dense.units(6).name("second")));
    assertArrayEquals(new int[] {5, 6}, s.apply(Tensor.ones(5, 4)).shape().dims());

    s.pop();
    s.pop();
    IllegalStateException empty = assertThrows(IllegalStateException.class, s::pop);
    assertTrue(empty.getMessage().contains("'s'"), empty.getMessage());
  }

  @Test
  void sequentialRejectsALayerThatDoesNotFitAndStaysUsable() {
    Sequential s = new Sequential("s").withInput(4);
    s.add(new Dense(3));
    BatchNormalization wrongAxis =
        new BatchNormalization(BatchNormalization.defaults().axis(3).name("bad"));
    assertThrows(IllegalArgumentException.class, () -> s.add(wrongAxis));
    assertEquals(1, s.layers().size());
    assertEquals(2, s.weights().size());
    assertArrayEquals(new int[] {2, 3}, s.apply(Tensor.ones(2, 4)).shape().dims());
    s.add(new Dense(Dense.units(1).name("bad")));
    assertEquals(2, s.layers().size());
  }

  // ---- sharing ----

  @Test
  void modelUsedInTwoOuterModelsSharesItsWeights() {
    KerasTensor in = Input.of(4);
    Dense baseDense = new Dense(3);
    Model base = new Model(in, baseDense.apply(in), "base");
    KerasTensor aIn = Input.of(4);
    Model a = new Model(aIn, new Dense(1).apply(base.apply(aIn)), "a");
    KerasTensor bIn = Input.of(4);
    Model b = new Model(bIn, new Dense(2).apply(base.apply(bIn)), "b");
    assertSame(a.weights().get(0), b.weights().get(0));
    assertSame(baseDense.kernel(), a.weights().get(0));

    Tensor x = randomInput(5, 0f, 2, 4);
    Tensor before = b.apply(x);
    // One gradient step on model a moves the shared base, so model b's output changes.
    List<Variable> trainable = a.trainableWeights();
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      grads = tape.gradient(Ops.sum(a.apply(x, true)), new ArrayList<>(trainable));
    }
    for (int i = 0; i < trainable.size(); i++) {
      trainable.get(i).assignSub(grads.get(i).mul(0.5f));
    }
    assertFalse(java.util.Arrays.equals(before.toFloatArray(), b.apply(x).toFloatArray()));

    // Freezing the base through one outer model freezes it for the other.
    a.getLayer("base").setTrainable(false);
    assertEquals(2, b.trainableWeights().size());
    assertEquals(2, b.nonTrainableWeights().size());
  }
}
