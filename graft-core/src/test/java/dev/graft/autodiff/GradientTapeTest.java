package dev.graft.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** GradientTape's recording and watching rules, and Variable's assignment. */
class GradientTapeTest {
  private static final float[] X = {1f, -2f, 3f};

  private static Tensor x() {
    return Tensor.vector(X);
  }

  private static float[] twice(float[] v) {
    float[] o = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = 2 * v[i];
    }
    return o;
  }

  @Test
  void trainableVariableIsWatchedAutomatically() {
    Variable w = new Variable("w", x());
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = Ops.sum(Ops.square(w));
      assertArrayEquals(twice(X), tape.gradient(loss, w).toFloatArray());
    }
  }

  @Test
  void nonTrainableVariableGetsNoGradientUnlessWatched() {
    Variable frozen = new Variable("frozen", x(), false);
    try (GradientTape tape = GradientTape.open()) {
      assertNull(tape.gradient(Ops.sum(Ops.square(frozen)), frozen));
    }
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(frozen);
      assertArrayEquals(
          twice(X), tape.gradient(Ops.sum(Ops.square(frozen)), frozen).toFloatArray());
    }
    // Flipping the flag takes effect for the next ops recorded.
    Variable w = new Variable("w", x());
    w.setTrainable(false);
    try (GradientTape tape = GradientTape.open()) {
      assertNull(tape.gradient(Ops.sum(Ops.square(w)), w));
    }
    w.setTrainable(true);
    try (GradientTape tape = GradientTape.open()) {
      assertNotNull(tape.gradient(Ops.sum(Ops.square(w)), w));
    }
  }

  @Test
  void withoutWatchAccessedVariablesOnlyWatchedOnesCount() {
    Variable a = new Variable("a", x());
    Variable b = new Variable("b", x());
    try (GradientTape tape = GradientTape.open(false, false)) {
      tape.watch(b);
      Tensor loss = Ops.sum(Ops.mul(a, b));
      List<Tensor> g = tape.gradient(loss, List.of(a, b));
      assertNull(g.get(0));
      assertArrayEquals(X, g.get(1).toFloatArray());
    }
  }

  @Test
  void plainTensorNeedsWatch() {
    Tensor x = x();
    try (GradientTape tape = GradientTape.open()) {
      assertNull(tape.gradient(Ops.sum(Ops.square(x)), x));
    }
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      assertArrayEquals(twice(X), tape.gradient(Ops.sum(Ops.square(x)), x).toFloatArray());
    }
  }

  @Test
  void unconnectedSourceGetsNullInItsPlace() {
    Variable a = new Variable("a", x());
    Variable unused = new Variable("unused", x());
    Variable b = new Variable("b", Tensor.scalar(2f));
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = Ops.sum(Ops.mul(a, b));
      List<Tensor> g = tape.gradient(loss, List.of(a, unused, b));
      assertEquals(3, g.size());
      assertArrayEquals(new float[] {2, 2, 2}, g.get(0).toFloatArray());
      assertNull(g.get(1));
      assertEquals(2f, g.get(2).item()); // 1 - 2 + 3
    }
  }

  @Test
  void nonPersistentTapeAllowsOneGradient() {
    Variable w = new Variable("w", x());
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = Ops.sum(Ops.square(w));
      tape.gradient(loss, w);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> tape.gradient(loss, w));
      assertTrue(e.getMessage().contains("persistent"), e.getMessage());
    }
  }

  @Test
  void persistentTapeAllowsSeveralGradients() {
    Variable w = new Variable("w", x());
    try (GradientTape tape = GradientTape.open(true, true)) {
      Tensor sq = Ops.sum(Ops.square(w));
      Tensor lin = Ops.sum(Ops.mul(w, Tensor.scalar(3f)));
      assertArrayEquals(twice(X), tape.gradient(sq, w).toFloatArray());
      assertArrayEquals(new float[] {3, 3, 3}, tape.gradient(lin, w).toFloatArray());
      assertArrayEquals(twice(X), tape.gradient(sq, w).toFloatArray());
    }
  }

  @Test
  void nothingIsRecordedOutsideATape() {
    assertFalse(GradientTape.isRecording());
    Variable w = new Variable("w", x());
    Tensor before = Ops.sum(Ops.square(w)); // computed with no tape open
    try (GradientTape tape = GradientTape.open(true, true)) {
      assertTrue(GradientTape.isRecording());
      assertNull(tape.gradient(before, w));
      // An op on the untracked result is not recorded either.
      assertNull(tape.gradient(Ops.mul(before, Tensor.scalar(2f)), w));
    }
    assertFalse(GradientTape.isRecording());
  }

  @Test
  void gradientAfterCloseWorksAndLaterOpsAreNotRecorded() {
    Variable w = new Variable("w", x());
    GradientTape tape = GradientTape.open(true, true);
    Tensor loss;
    try (tape) {
      loss = Ops.sum(Ops.square(w));
    }
    assertFalse(GradientTape.isRecording());
    Tensor after = Ops.sum(Ops.square(w));
    assertArrayEquals(twice(X), tape.gradient(loss, w).toFloatArray());
    assertNull(tape.gradient(after, w));
  }

  @Test
  void gradientAccumulatesOverEveryUse() {
    Tensor x = x();
    try (GradientTape tape = GradientTape.open(true, true)) {
      tape.watch(x);
      assertArrayEquals(twice(X), tape.gradient(Ops.sum(Ops.mul(x, x)), x).toFloatArray());
      // x*x + 3x + x: 2x + 4
      Tensor y = Ops.add(Ops.add(Ops.mul(x, x), Ops.mul(x, Tensor.scalar(3f))), x);
      assertArrayEquals(new float[] {6, 0, 10}, tape.gradient(Ops.sum(y), x).toFloatArray());
      // A diamond: a = 2x used by both branches of a * a.
      Tensor a = Ops.mul(x, Tensor.scalar(2f));
      assertArrayEquals(
          new float[] {8, -16, 24}, tape.gradient(Ops.sum(Ops.mul(a, a)), x).toFloatArray());
    }
  }

  @Test
  void nonScalarTargetIsSummed() {
    Tensor x = x();
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      assertArrayEquals(twice(X), tape.gradient(Ops.square(x), x).toFloatArray());
    }
  }

  @Test
  void nestedTapesEachRecord() {
    Tensor x = x();
    try (GradientTape outer = GradientTape.open(true, true)) {
      outer.watch(x);
      Tensor y;
      try (GradientTape inner = GradientTape.open(true, true)) {
        inner.watch(x);
        y = Ops.sum(Ops.mul(Ops.square(x), x)); // x^3
        assertArrayEquals(new float[] {3, 12, 27}, inner.gradient(y, x).toFloatArray());
      }
      assertArrayEquals(new float[] {3, 12, 27}, outer.gradient(y, x).toFloatArray());
      // After the inner tape closes the outer one still records.
      Tensor z = Ops.sum(Ops.mul(x, Tensor.scalar(5f)));
      assertArrayEquals(new float[] {5, 5, 5}, outer.gradient(z, x).toFloatArray());
    }
    // A tensor watched only by the inner tape is not recorded by the outer one.
    Tensor t = x();
    try (GradientTape outer = GradientTape.open(true, true)) {
      try (GradientTape inner = GradientTape.open()) {
        inner.watch(t);
        Tensor y = Ops.sum(Ops.square(t));
        assertNotNull(inner.gradient(y, t));
        assertNull(outer.gradient(y, t));
      }
    }
  }

  @Test
  void tapeIsBoundToItsThread() throws InterruptedException {
    Tensor x = x();
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor y = Ops.sum(Ops.square(x));
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                try {
                  tape.gradient(y, x);
                } catch (Throwable e) {
                  thrown.set(e);
                }
              });
      other.start();
      other.join();
      assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
      // The failed call from another thread did not use the tape up.
      assertArrayEquals(twice(X), tape.gradient(y, x).toFloatArray());
    }
  }

  @Test
  void stopGradientBlocksTheTape() {
    Variable w = new Variable("w", x());
    try (GradientTape tape = GradientTape.open()) {
      assertNull(tape.gradient(Ops.sum(Ops.square(Ops.stopGradient(w))), w));
    }
  }

  @Test
  void gradientsUseTheValuesVariablesHadWhenRecorded() {
    // As TensorFlow reads a variable when an op uses it: an assignment between the forward pass and
    // tape.gradient (a persistent tape across an optimizer step) must not change the gradients.
    Variable w = new Variable("w", x());
    Tensor in = Tensor.vector(2f, 2f, 2f);
    Tensor kernel = Ops.reshape(w, 3, 1); // a view of w: it sees assignments, the tape must not
    try (GradientTape tape = GradientTape.open(true, true)) {
      tape.watch(in);
      Tensor product = Ops.sum(Ops.mul(in, w));
      Tensor square = Ops.sum(Ops.square(w));
      Tensor matmul = Ops.sum(Ops.matmul(Ops.reshape(in, 1, 3), kernel));
      Tensor max = Ops.max(Ops.reshape(w, 1, 3), false, 1);
      w.assign(Tensor.vector(10f, 10f, 10f));
      assertArrayEquals(X, tape.gradient(product, in).toFloatArray());
      assertArrayEquals(twice(X), tape.gradient(square, w).toFloatArray());
      assertArrayEquals(X, tape.gradient(matmul, in).toFloatArray());
      assertArrayEquals(new float[] {0, 0, 1}, tape.gradient(max, w).toFloatArray());
    }
  }

  @Test
  void needsGradientFollowsWhatOpenTapesTrack() {
    Tensor plain = x();
    Variable w = new Variable("w", x());
    Variable frozen = new Variable("frozen", x(), false);
    assertFalse(GradientTape.needsGradient(w), "no tape is open");
    try (GradientTape tape = GradientTape.open()) {
      assertTrue(GradientTape.needsGradient(w));
      assertFalse(GradientTape.needsGradient(frozen));
      assertFalse(GradientTape.needsGradient(plain));
      assertTrue(GradientTape.needsGradient(Ops.mul(w, plain)));
      assertFalse(GradientTape.needsGradient(Ops.mul(plain, plain)));
      tape.watch(plain);
      assertTrue(GradientTape.needsGradient(plain));
    }
    assertFalse(GradientTape.needsGradient(w), "the tape is closed");
  }

  @Test
  void tapeDoesNotKeepOutputsNoRuleNeeds() {
    // add and sum save nothing, and relu saves its output (not its input): the intermediate
    // results below are freed while the tape is open, and the gradient is still right.
    Variable w = new Variable("w", x());
    List<WeakReference<Tensor>> dropped = new ArrayList<>();
    try (GradientTape tape = GradientTape.open()) {
      Tensor loss = chainKeepingOnlyTheLoss(w, dropped);
      for (int i = 0; i < 20 && dropped.stream().anyMatch(r -> r.get() != null); i++) {
        System.gc();
      }
      for (WeakReference<Tensor> r : dropped) {
        assertNull(r.get(), "an intermediate result the tape does not need is still held");
      }
      // d/dw sum(relu(w + 1) + 2): 1 where w + 1 > 0, else 0; X = {1, -2, 3}
      assertArrayEquals(new float[] {1, 0, 1}, tape.gradient(loss, w).toFloatArray());
    }
  }

  private static Tensor chainKeepingOnlyTheLoss(Variable w, List<WeakReference<Tensor>> refs) {
    Tensor a = Ops.add(w, Tensor.scalar(1f));
    Tensor b = Ops.relu(a);
    Tensor c = Ops.add(b, Tensor.scalar(2f));
    refs.add(new WeakReference<>(a));
    refs.add(new WeakReference<>(c));
    return Ops.sum(c);
  }

  // ---- Variable ----

  @Test
  void variableAssignments() {
    Variable v = new Variable("v", x());
    assertEquals("v", v.name());
    assertTrue(v.isTrainable());
    v.assign(Tensor.vector(4f, 5f, 6f));
    assertArrayEquals(new float[] {4, 5, 6}, v.toFloatArray());
    v.assignAdd(Tensor.vector(1f, 1f, -1f));
    assertArrayEquals(new float[] {5, 6, 5}, v.toFloatArray());
    v.assignSub(Tensor.vector(5f, 0f, 2f));
    assertArrayEquals(new float[] {0, 6, 3}, v.toFloatArray());
    // Assigning from a non-contiguous view reads it in logical order.
    Variable m = new Variable("m", Tensor.zeros(2, 3));
    m.assign(Ops.transpose(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2)));
    assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, m.toFloatArray());
  }

  @Test
  void variableOwnsACopyOfItsInitialValue() {
    Tensor init = x();
    Variable v = new Variable("v", init);
    v.assign(Tensor.vector(0f, 0f, 0f));
    assertArrayEquals(X, init.toFloatArray());
  }

  @Test
  void viewsOfAVariableSeeAssignments() {
    Variable v = new Variable("v", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    Tensor view = Ops.reshape(v, 4);
    v.assignAdd(Tensor.ones(2, 2));
    assertArrayEquals(new float[] {2, 3, 4, 5}, view.toFloatArray());
  }

  @Test
  void variableAssignmentShapeErrors() {
    Variable v = new Variable("kernel", Tensor.zeros(2, 3));
    assertEquals(
        "assign: variable 'kernel' has shape (2, 3) but the value has shape (3, 2)",
        assertThrows(IllegalArgumentException.class, () -> v.assign(Tensor.zeros(3, 2)))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> v.assignAdd(Tensor.zeros(6)))
            .getMessage()
            .startsWith(
                "assignAdd: variable 'kernel' has shape (2, 3) but the value has shape (6,)"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> v.assignSub(Tensor.scalar(1)))
            .getMessage()
            .startsWith(
                "assignSub: variable 'kernel' has shape (2, 3) but the value has shape ()"));
    assertArrayEquals(new float[6], v.toFloatArray(), "a failed assignment changes nothing");
    assertThrows(IllegalArgumentException.class, () -> new Variable("", x()));
  }
}
