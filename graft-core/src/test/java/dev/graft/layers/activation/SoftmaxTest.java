package dev.graft.layers.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.GradCheck;
import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void normalisesTheChosenAxis() {
    Tensor x = new Rng(3).uniform(-2, 2, 2, 3, 4);
    for (int axis : new int[] {-1, 1}) {
      Tensor y = new Softmax(axis).apply(x);
      int a = axis < 0 ? 2 : axis;
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < (a == 2 ? 3 : 4); j++) {
          int n = a == 2 ? 4 : 3;
          double total = 0;
          double[] e = new double[n];
          for (int k = 0; k < n; k++) {
            e[k] = Math.exp(a == 2 ? x.get(i, j, k) : x.get(i, k, j));
            total += e[k];
          }
          for (int k = 0; k < n; k++) {
            float got = a == 2 ? y.get(i, j, k) : y.get(i, k, j);
            assertEquals(e[k] / total, got, 1e-6);
          }
        }
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    GradCheck.layer(new Softmax(), new Rng(5).uniform(-1, 1, 2, 5), false);
  }

  @Test
  void shapesAndAxisErrors() {
    assertArrayEquals(new int[] {-1, 3, 4}, new Softmax(1).apply(Input.of(3, 4)).shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Softmax(3).apply(Input.of(3, 4)));
    assertTrue(e.getMessage().contains("(None, 3, 4)"), e.getMessage());
  }
}
