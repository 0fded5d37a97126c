package dev.graft.layers.merging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static final Rng RNG = new Rng(8);

  @Test
  void elementwiseAgainstLoops() {
    Tensor a = RNG.uniform(-1, 1, 2, 3, 4);
    Tensor b = RNG.uniform(-1, 1, 2, 3, 4);
    Tensor c = RNG.uniform(-1, 1, 2, 3, 4);
    float[] av = a.toFloatArray();
    float[] bv = b.toFloatArray();
    float[] cv = c.toFloatArray();
    float[] sum = new Add().apply(List.of(a, b, c), false).get(0).toFloatArray();
    float[] diff = new Subtract().apply(List.of(a, b), false).get(0).toFloatArray();
    float[] prod = new Multiply().apply(List.of(a, b, c), false).get(0).toFloatArray();
    for (int i = 0; i < av.length; i++) {
      assertEquals(av[i] + bv[i] + cv[i], sum[i], 1e-6f);
      assertEquals(av[i] - bv[i], diff[i], 1e-6f);
      assertEquals(av[i] * bv[i] * cv[i], prod[i], 1e-6f);
    }
  }

  @Test
  void broadcastsSizeOneAxes() {
    Tensor a = RNG.uniform(-1, 1, 2, 3, 4);
    Tensor b = RNG.uniform(-1, 1, 2, 1, 4);
    Tensor y = new Add().apply(List.of(a, b), false).get(0);
    assertEquals(a.get(1, 2, 3) + b.get(1, 0, 3), y.get(1, 2, 3), 1e-6f);
  }

  @Test
  void gradients() {
    List<Tensor> xs = List.of(RNG.uniform(-1, 1, 2, 3), RNG.uniform(-1, 1, 2, 3));
    GradCheck.multi(new Add(), xs);
    GradCheck.multi(new Subtract(), xs);
    GradCheck.multi(new Multiply(), xs);
  }

  @Test
  void symbolicShapesAndNames() {
    KerasTensor a = Input.of(8, 8, 4);
    KerasTensor b = Input.of(8, 8, 4);
    Add add = new Add();
    assertEquals("add", add.name());
    assertEquals("add_1", new Add().name());
    assertEquals("subtract", new Subtract().name());
    assertEquals("multiply", new Multiply().name());
    assertArrayEquals(
        new int[] {-1, 8, 8, 4}, add.applySymbolic(List.of(a, b), null).get(0).shape());
  }

  @Test
  void singleInputPassesThrough() {
    Tensor a = Tensor.vector(1, 2);
    assertSame(a, new Add().apply(List.of(a), false).get(0));
  }

  @Test
  void mismatchesNameTheLayerAndBothShapes() {
    KerasTensor a = Input.of(8, 8, 4);
    KerasTensor b = Input.of(8, 8, 5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Add().applySymbolic(List.of(a, b), null));
    assertTrue(e.getMessage().contains("'add'"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 8, 8, 4)"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 8, 8, 5)"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Subtract().applySymbolic(List.of(a, a, a), null));
    assertTrue(e.getMessage().contains("exactly 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Multiply().applySymbolic(List.of(a, Input.of(8, 8)), null));
  }
}
