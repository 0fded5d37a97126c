package dev.graft.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.layers.GradCheck;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LeakyReLUTest {
  @Test
  void defaultSlopeIsKeras3s() {
    assertEquals(0.3f, new LeakyReLU().negativeSlope());
    assertArrayEquals(
        new float[] {-3f, -1.5f, 0f, 5f},
        new LeakyReLU().apply(Tensor.vector(-10, -5, 0, 5)).toFloatArray(),
        1e-6f);
  }

  @Test
  void forwardAndGradient() {
    Tensor x = GradCheck.ramp(-2.05f, 0.1f, 3, 14);
    float[] xs = x.toFloatArray();
    float[] y = new LeakyReLU(0.5f).apply(x).toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals(xs[i] > 0 ? xs[i] : 0.5f * xs[i], y[i], 1e-6f);
    }
    GradCheck.layer(new LeakyReLU(0.5f), x, true);
  }

  @Test
  void rejectsNegativeSlopes() {
    assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.1f));
  }
}
