package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RescalingTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void scalesThenOffsetsInFloat() {
    Tensor x = new Rng(1).uniform(0, 255, 2, 4, 4, 3);
    float scale = 1 / 127.5f;
    Rescaling layer = new Rescaling(scale, -1f);
    float[] in = x.toFloatArray();
    float[] out = layer.apply(x, true).toFloatArray();
    for (int i = 0; i < in.length; i++) {
      float product = in[i] * scale;
      assertEquals(product + -1f, out[i]);
    }
    assertArrayEquals(
        new float[] {0f, 0.5f, 1f},
        new Rescaling(1 / 255f).apply(Tensor.vector(0, 127.5f, 255)).toFloatArray(),
        1e-7f);
  }

  @Test
  void namesShapesGradientAndErrors() {
    assertEquals("rescaling", new Rescaling(2).name());
    assertEquals("rescaling_1", new Rescaling(2).name());
    assertArrayEquals(
        new int[] {-1, 16, 16, 3}, new Rescaling(2, 1).apply(Input.of(16, 16, 3)).shape());
    GradCheck.layer(new Rescaling(3, 0.5f), GradCheck.ramp(-1, 0.3f, 2, 3), false);
    assertThrows(IllegalArgumentException.class, () -> new Rescaling(Float.NaN));
  }

  @Test
  void perChannelScaleMultipliesEachChannel() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
    Rescaling layer = new Rescaling(new float[] {2f, 0.5f, -1f}, 1f, "per_channel");
    assertArrayEquals(
        new float[] {3, 2, -2, 9, 3.5f, -5}, layer.apply(x, false).toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {2f, 0.5f, -1f}, layer.scales());
    assertThrows(IllegalStateException.class, layer::scale);
    assertArrayEquals(new float[] {4f}, new Rescaling(4f).scales());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Rescaling(new float[] {1, 2}, 0, "two").apply(Input.of(4, 3)));
    assertTrue(e.getMessage().contains("two") && e.getMessage().contains("(None, 4, 3)"));
  }
}
