package dev.graft.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.autodiff.Variable;
import dev.graft.layers.core.Dense;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegularizersTest {
  private static final Tensor W = Tensor.of(new float[] {1f, -2f, 0.5f, -0.25f}, 2, 2);

  @Test
  void penaltiesFollowKerasFormulas() {
    // sum |w| = 3.75, sum w^2 = 1 + 4 + 0.25 + 0.0625 = 5.3125
    assertEquals(0.1f * 3.75f, new L1(0.1f).penalty(W).item(), 1e-6f);
    assertEquals(0.1f * 5.3125f, new L2(0.1f).penalty(W).item(), 1e-6f);
    assertEquals(0.2f * 3.75f + 0.3f * 5.3125f, new L1L2(0.2f, 0.3f).penalty(W).item(), 1e-6f);
    assertEquals(0f, new L1L2().penalty(W).item());
    assertEquals(0.01f, new L1().l1());
    assertEquals(0.01f, new L2().l2());
  }

  @Test
  void invalidFactorsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new L2(-1f));
    assertTrue(e.getMessage().contains("l2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new L1(Float.NaN));
    assertThrows(IllegalArgumentException.class, () -> new L1L2(0, Float.POSITIVE_INFINITY));
  }

  @Test
  void denseReportsItsPenaltiesAsLosses() {
    Dense dense =
        new Dense(
            Dense.units(3)
                .kernelRegularizer(new L1L2(0.01f, 0.02f))
                .biasRegularizer(new L2(0.5f))
                .biasInitializer(s -> new Rng(3).uniform(-1, 1, s)));
    dense.apply(Tensor.ones(2, 4));
    float[] k = dense.kernel().toFloatArray();
    float[] b = dense.bias().toFloatArray();
    double l1 = 0;
    double l2 = 0;
    for (float v : k) {
      l1 += Math.abs(v);
      l2 += v * v;
    }
    double bias = 0;
    for (float v : b) {
      bias += v * v;
    }
    List<Tensor> losses = dense.losses();
    assertEquals(2, losses.size());
    assertEquals(0.01 * l1 + 0.02 * l2, losses.get(0).item(), 1e-6);
    assertEquals(0.5 * bias, losses.get(1).item(), 1e-6);
    assertTrue(new Dense(2).losses().isEmpty());
  }

  @Test
  void penaltyGradientsFlowThroughTheTape() {
    Dense dense =
        new Dense(
            Dense.units(3).kernelRegularizer(new L1L2(0.01f, 0.02f)).biasRegularizer(new L1(0.3f)));
    dense.apply(Tensor.ones(1, 4));
    dense.bias().assign(Tensor.vector(0.5f, -0.5f, 2f));
    Variable kernel = dense.kernel();
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      Tensor total = Tensor.scalar(0);
      for (Tensor l : dense.losses()) {
        total = Ops.add(total, l);
      }
      grads = tape.gradient(total, List.of(kernel, dense.bias()));
    }
    float[] k = kernel.toFloatArray();
    float[] gk = grads.get(0).toFloatArray();
    for (int i = 0; i < k.length; i++) {
      assertEquals(0.01f * Math.signum(k[i]) + 2 * 0.02f * k[i], gk[i], 1e-6f);
    }
    float[] gb = grads.get(1).toFloatArray();
    assertEquals(0.3f, gb[0], 1e-6f);
    assertEquals(-0.3f, gb[1], 1e-6f);
    assertEquals(0.3f, gb[2], 1e-6f);
  }
}
