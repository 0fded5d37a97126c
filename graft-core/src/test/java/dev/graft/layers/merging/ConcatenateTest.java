package dev.graft.layers.merging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcatenateTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static final Rng RNG = new Rng(21);

  @Test
  void lastAxisAgainstLoops() {
    Tensor a = RNG.uniform(-1, 1, 2, 3, 2);
    Tensor b = RNG.uniform(-1, 1, 2, 3, 4);
    Tensor y = new Concatenate().apply(List.of(a, b), false).get(0);
    assertArrayEquals(new int[] {2, 3, 6}, y.shape().dims());
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 6; k++) {
          float expected = k < 2 ? a.get(i, j, k) : b.get(i, j, k - 2);
          assertEquals(expected, y.get(i, j, k));
        }
      }
    }
  }

  @Test
  void middleAxisAgainstLoops() {
    Tensor a = RNG.uniform(-1, 1, 2, 1, 3);
    Tensor b = RNG.uniform(-1, 1, 2, 2, 3);
    Tensor c = RNG.uniform(-1, 1, 2, 3, 3);
    Tensor y = new Concatenate(1).apply(List.of(a, b, c), false).get(0);
    assertArrayEquals(new int[] {2, 6, 3}, y.shape().dims());
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 3; k++) {
          float expected = j < 1 ? a.get(i, j, k) : j < 3 ? b.get(i, j - 1, k) : c.get(i, j - 3, k);
          assertEquals(expected, y.get(i, j, k));
        }
      }
    }
  }

  @Test
  void gradientsReachEveryInput() {
    GradCheck.multi(new Concatenate(), List.of(RNG.uniform(-1, 1, 2, 2), RNG.uniform(-1, 1, 2, 3)));
    GradCheck.multi(
        new Concatenate(-2), List.of(RNG.uniform(-1, 1, 1, 2, 2), RNG.uniform(-1, 1, 1, 1, 2)));
  }

  @Test
  void symbolicShapesNamesAndModels() {
    KerasTensor a = Input.of(8, 8, 3);
    KerasTensor b = Input.of(8, 8, 5);
    Concatenate cat = new Concatenate();
    assertEquals("concatenate", cat.name());
    KerasTensor y = cat.applySymbolic(List.of(a, b), null).get(0);
    assertArrayEquals(new int[] {-1, 8, 8, 8}, y.shape());
    Model m = new Model(List.of(a, b), List.of(y), "cat");
    Tensor out = m.apply(List.of(Tensor.ones(1, 8, 8, 3), Tensor.zeros(1, 8, 8, 5)), false).get(0);
    assertArrayEquals(new int[] {1, 8, 8, 8}, out.shape().dims());
    assertEquals(1f, out.get(0, 7, 7, 2));
    assertEquals(0f, out.get(0, 7, 7, 3));
  }

  @Test
  void mismatchesNameTheLayerAndTheShapes() {
    KerasTensor a = Input.of(8, 8, 3);
    KerasTensor b = Input.of(4, 4, 3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Concatenate().applySymbolic(List.of(a, b), null));
    assertTrue(e.getMessage().contains("'concatenate'"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 8, 8, 3)"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 4, 4, 3)"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Concatenate(5).applySymbolic(List.of(a, a), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Concatenate().applySymbolic(List.of(a, Input.of(8, 3)), null));
  }
}
