package dev.graft.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.layers.GradCheck;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlattenTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void keepsRowMajorOrder() {
    Tensor x = GradCheck.ramp(0, 1, 2, 3, 4, 5);
    Tensor y = new Flatten().apply(x);
    assertArrayEquals(new int[] {2, 60}, y.shape().dims());
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          for (int c = 0; c < 5; c++) {
            assertEquals(x.get(b, i, j, c), y.get(b, (i * 4 + j) * 5 + c));
          }
        }
      }
    }
  }

  @Test
  void symbolicShapesAndNames() {
    assertEquals("flatten", new Flatten().name());
    assertArrayEquals(new int[] {-1, 128}, new Flatten().apply(Input.of(4, 4, 8)).shape());
    assertArrayEquals(new int[] {-1, 7}, new Flatten().apply(Input.of(7)).shape());
    assertArrayEquals(new int[] {3, 1}, new Flatten().apply(Tensor.vector(1, 2, 3)).shape().dims());
  }

  @Test
  void gradientFlowsBack() {
    GradCheck.layer(new Flatten(), GradCheck.ramp(-1, 0.1f, 2, 3, 2), true);
  }
}
