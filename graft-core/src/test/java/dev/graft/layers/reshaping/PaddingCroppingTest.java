package dev.graft.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaddingCroppingTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static final int[][] UNEVEN = {{1, 2}, {0, 3}};

  @Test
  void zeroPaddingAgainstLoops() {
    Tensor x = new Rng(1).uniform(1, 2, 2, 3, 4, 2);
    Tensor y = new ZeroPadding2D(UNEVEN, null).apply(x);
    assertArrayEquals(new int[] {2, 6, 7, 2}, y.shape().dims());
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 7; j++) {
          for (int c = 0; c < 2; c++) {
            boolean inside = i >= 1 && i < 4 && j < 4;
            assertEquals(inside ? x.get(b, i - 1, j, c) : 0f, y.get(b, i, j, c));
          }
        }
      }
    }
  }

  @Test
  void croppingAgainstLoops() {
    Tensor x = new Rng(2).uniform(-1, 1, 2, 6, 7, 3);
    Tensor y = new Cropping2D(UNEVEN, null).apply(x);
    assertArrayEquals(new int[] {2, 3, 4, 3}, y.shape().dims());
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(x.get(b, i + 1, j, c), y.get(b, i, j, c));
          }
        }
      }
    }
  }

  @Test
  void croppingUndoesPadding() {
    Tensor x = new Rng(3).uniform(-1, 1, 1, 3, 3, 2);
    Tensor back = new Cropping2D(UNEVEN, null).apply(new ZeroPadding2D(UNEVEN, null).apply(x));
    assertArrayEquals(x.toFloatArray(), back.toFloatArray());
  }

  @Test
  void gradients() {
    Tensor x = new Rng(4).uniform(-1, 1, 1, 4, 5, 2);
    GradCheck.layer(new ZeroPadding2D(UNEVEN, null), x, false);
    GradCheck.layer(new Cropping2D(UNEVEN, null), x, false);
    // Hand-derived: d sum(crop(x)) / dx is 1 inside the kept window, 0 on the cropped border.
    Tensor g;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      g = tape.gradient(Ops.sum(new Cropping2D(1, 2).apply(x)), x);
    }
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        boolean kept = i >= 1 && i < 3 && j >= 2 && j < 3;
        assertEquals(kept ? 1f : 0f, g.get(0, i, j, 1));
      }
    }
  }

  @Test
  void symbolicShapesAndNames() {
    ZeroPadding2D pad = new ZeroPadding2D();
    assertEquals("zero_padding2d", pad.name());
    assertArrayEquals(new int[] {-1, 18, 18, 3}, pad.apply(Input.of(16, 16, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 20, 24, 3}, new ZeroPadding2D(2, 4).apply(Input.of(16, 16, 3)).shape());
    Cropping2D crop = new Cropping2D(new int[][] {{2, 2}, {4, 4}}, null);
    assertEquals("cropping2d", crop.name());
    assertArrayEquals(new int[] {-1, 24, 20, 3}, crop.apply(Input.of(28, 28, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 26, 26, 3}, new Cropping2D(1).apply(Input.of(28, 28, 3)).shape());
  }

  @Test
  void errorsNameTheLayerAndTheShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new ZeroPadding2D(1).apply(Input.of(16, 3)));
    assertTrue(e.getMessage().contains("'zero_padding2d'"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 16, 3)"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new Cropping2D(2).apply(Input.of(4, 8, 1)));
    assertTrue(e.getMessage().contains("'cropping2d'"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 4, 8, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D(-1));
    assertThrows(IllegalArgumentException.class, () -> new Cropping2D(new int[][] {{1, 1}}, null));
  }
}
