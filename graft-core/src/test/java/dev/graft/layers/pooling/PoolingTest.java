package dev.graft.layers.pooling;

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

class PoolingTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void automaticNamesAndNoWeights() {
    MaxPooling2D max = new MaxPooling2D();
    assertEquals("max_pooling2d", max.name());
    assertEquals("average_pooling2d", new AveragePooling2D().name());
    assertEquals("global_average_pooling2d", new GlobalAveragePooling2D().name());
    assertEquals("global_max_pooling2d", new GlobalMaxPooling2D().name());
    max.apply(Input.of(4, 4, 2));
    assertEquals(0, max.countParams());
  }

  @Test
  void stridesDefaultToThePoolSize() {
    assertArrayEquals(new int[] {-1, 3, 3, 2}, new MaxPooling2D().apply(Input.of(6, 7, 2)).shape());
    assertArrayEquals(
        new int[] {-1, 2, 2, 2}, new AveragePooling2D(3).apply(Input.of(6, 8, 2)).shape());
    assertArrayEquals(
        new int[] {-1, 6, 7, 2},
        new MaxPooling2D(MaxPooling2D.poolSize(3).strides(1).padding("same"))
            .apply(Input.of(6, 7, 2))
            .shape());
    assertArrayEquals(
        new int[] {-1, 5, 3, 1},
        new AveragePooling2D(AveragePooling2D.poolSize(2).poolSize(2, 3).strides(1, 2))
            .apply(Input.of(6, 7, 1))
            .shape());
    assertEquals(2, new MaxPooling2D().strides().height());
  }

  @Test
  void windowValues() {
    Tensor x = GradCheck.ramp(0, 1, 1, 4, 4, 1); // rows 0..3, 4..7, 8..11, 12..15
    assertArrayEquals(new float[] {5, 7, 13, 15}, new MaxPooling2D().apply(x).toFloatArray(), 0f);
    assertArrayEquals(
        new float[] {2.5f, 4.5f, 10.5f, 12.5f},
        new AveragePooling2D().apply(x).toFloatArray(),
        1e-6f);
    // "same" with a 3x3 window and stride 2 on 4x4 pads one row and column at the end (as
    // TensorFlow): the last window holds 10, 11, 14, 15 and the average leaves the padding out.
    Tensor same =
        new AveragePooling2D(AveragePooling2D.poolSize(3).strides(2).padding("same")).apply(x);
    assertArrayEquals(new int[] {1, 2, 2, 1}, same.shape().dims());
    assertEquals((10 + 11 + 14 + 15) / 4f, same.toFloatArray()[3], 1e-5f);
  }

  @Test
  void globalPoolingWithAndWithoutKeepdims() {
    assertArrayEquals(
        new int[] {-1, 3}, new GlobalAveragePooling2D().apply(Input.of(5, 4, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 1, 1, 3},
        new GlobalMaxPooling2D(true, null).apply(Input.of(5, 4, 3)).shape());
    Tensor x = GradCheck.ramp(0, 1, 2, 2, 2, 2);
    assertArrayEquals(
        new float[] {3, 4, 11, 12}, new GlobalAveragePooling2D().apply(x).toFloatArray(), 0f);
    Tensor kept = new GlobalMaxPooling2D(true, "gmp").apply(x);
    assertArrayEquals(new int[] {2, 1, 1, 2}, kept.shape().dims());
    assertArrayEquals(new float[] {6, 7, 14, 15}, kept.toFloatArray(), 0f);
  }

  @Test
  void differentiate() {
    Tensor x = new Rng(7).normal(0, 1, 2, 4, 5, 2);
    GradCheck.layer(new MaxPooling2D(MaxPooling2D.poolSize(2).padding("same")), x, false);
    GradCheck.layer(new AveragePooling2D(AveragePooling2D.poolSize(3).strides(1)), x, false);
    GradCheck.layer(new GlobalAveragePooling2D(true, null), x, false);
    GradCheck.layer(new GlobalMaxPooling2D(), x, false);
  }

  @Test
  void errorsNameTheLayerAndTheShape() {
    IllegalArgumentException rank =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MaxPooling2D(MaxPooling2D.poolSize(2).name("mp")).apply(Input.of(8, 3)));
    assertTrue(
        rank.getMessage().contains("'mp'") && rank.getMessage().contains("(None, 8, 3)"),
        rank.getMessage());
    IllegalArgumentException small =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AveragePooling2D(AveragePooling2D.poolSize(3).name("ap"))
                    .apply(Input.of(2, 5, 1)));
    assertTrue(
        small.getMessage().contains("'ap'") && small.getMessage().contains("(None, 2, 5, 1)"),
        small.getMessage());
    GlobalAveragePooling2D gap = new GlobalAveragePooling2D("gap");
    IllegalArgumentException g =
        assertThrows(IllegalArgumentException.class, () -> gap.apply(Tensor.zeros(2, 3)));
    assertTrue(
        g.getMessage().contains("'gap'") && g.getMessage().contains("(None, 3)"), g.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0));
    assertThrows(IllegalArgumentException.class, () -> MaxPooling2D.poolSize(2).padding("full"));
  }
}
