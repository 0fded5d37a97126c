package dev.graft.layers.reshaping;

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

class ReshapeTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void keepsValuesInRowMajorOrder() {
    Tensor x = GradCheck.ramp(0, 1, 2, 2, 6);
    Tensor y = new Reshape(3, 4).apply(x);
    assertArrayEquals(new int[] {2, 3, 4}, y.shape().dims());
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 12; i++) {
        assertEquals(x.get(b, i / 6, i % 6), y.get(b, i / 4, i % 4));
      }
    }
  }

  @Test
  void infersOneSizeAndShapesSymbolically() {
    assertEquals("reshape", new Reshape(12).name());
    assertArrayEquals(new int[] {-1, 3, 4}, new Reshape(-1, 4).apply(Input.of(2, 6)).shape());
    assertArrayEquals(new int[] {-1, 12}, new Reshape(12).apply(Input.of(2, 6)).shape());
    GradCheck.layer(new Reshape(-1), GradCheck.ramp(-1, 0.1f, 2, 2, 3), false);
  }

  @Test
  void sizeMismatchNamesTheLayerAndBothShapes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Reshape(5).apply(Input.of(2, 6)));
    assertTrue(e.getMessage().contains("'reshape'"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 2, 6)"), e.getMessage());
    assertTrue(e.getMessage().contains("[5]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, 5).apply(Input.of(2, 6)));
    assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 3));
  }
}
