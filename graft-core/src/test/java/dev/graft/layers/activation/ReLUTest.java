package dev.graft.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReLUTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  /** Keras's computed semantics, one element at a time. */
  private static float reference(float x, float max, float slope, float threshold) {
    if (x > threshold) {
      return Math.min(x, max);
    }
    return slope * (x - threshold);
  }

  private static final float INF = Float.POSITIVE_INFINITY;

  private static final float[][] SETTINGS = {
    {INF, 0, 0},
    {6, 0, 0},
    {INF, 0.1f, 0},
    {INF, 0, 0.5f},
    {2, 0.25f, 0.5f},
    {0, 0.2f, 0},
    {1, 0, 1.5f},
    {2, 0.3f, 0}
  };

  private static ReLU make(float[] s) {
    return new ReLU(ReLU.options().maxValue(s[0]).negativeSlope(s[1]).threshold(s[2]));
  }

  @Test
  void forwardMatchesTheElementwiseReference() {
    Tensor x = GradCheck.ramp(-8.05f, 0.1f, 4, 40); // -8.05 .. 7.95, never on a kink
    float[] xs = x.toFloatArray();
    for (float[] s : SETTINGS) {
      float[] y = make(s).apply(x).toFloatArray();
      for (int i = 0; i < xs.length; i++) {
        assertEquals(reference(xs[i], s[0], s[1], s[2]), y[i], 1e-6f, "x=" + xs[i]);
      }
    }
  }

  @Test
  void kerasDocstringExample() {
    ReLU layer = new ReLU(ReLU.options().maxValue(10).negativeSlope(0.5f));
    Tensor y = layer.apply(Tensor.vector(-10, -5, 0, 5, 10));
    assertArrayEquals(new float[] {-5f, -2.5f, 0f, 5f, 10f}, y.toFloatArray());
  }

  @Test
  void boundariesFollowKerasComputation() {
    // x == threshold gives 0 (Keras's implementation), x >= max gives max.
    ReLU layer = new ReLU(ReLU.options().maxValue(3).threshold(1));
    assertArrayEquals(
        new float[] {0f, 0f, 2f, 3f, 3f},
        layer.apply(Tensor.vector(0.5f, 1f, 2f, 3f, 4f)).toFloatArray());
    assertArrayEquals(
        new float[] {0f, 6f, 6f}, new ReLU(6).apply(Tensor.vector(-1, 6, 7)).toFloatArray());
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Tensor x = GradCheck.ramp(-3.03f, 0.1f, 2, 30); // away from 0, 0.5, 1.5, 2 and 6
    for (float[] s : SETTINGS) {
      GradCheck.layer(make(s), x, false);
    }
  }

  @Test
  void invalidSettingsNameTheLayerType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU(-1));
    assertTrue(e.getMessage().contains("ReLU"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new ReLU(ReLU.options().negativeSlope(-0.1f)));
    assertThrows(IllegalArgumentException.class, () -> new ReLU(ReLU.options().threshold(-1)));
    assertThrows(IllegalArgumentException.class, () -> new ReLU(Float.NaN));
  }

  @Test
  void namesAndSymbolicShapes() {
    assertEquals("re_lu", new ReLU().name());
    assertEquals("re_lu_1", new ReLU(6).name());
    assertEquals("stem_relu", new ReLU(ReLU.options().name("stem_relu")).name());
    assertEquals("leaky_re_lu", new LeakyReLU().name());
    assertEquals("softmax", new Softmax().name());
    assertArrayEquals(new int[] {-1, 5, 7}, new ReLU().apply(Input.of(5, 7)).shape());
  }
}
