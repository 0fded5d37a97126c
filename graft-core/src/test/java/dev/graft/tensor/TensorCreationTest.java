package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorCreationTest {
  @Test
  void creationFactories() {
    assertArrayEquals(new float[6], Tensor.zeros(2, 3).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1}, Tensor.ones(3).toFloatArray());
    assertArrayEquals(new float[] {2.5f, 2.5f}, Tensor.full(2.5f, 2, 1).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toFloatArray());
    assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5f).toFloatArray());
    assertArrayEquals(new float[] {3, 1}, Tensor.arange(3, 0, -2).toFloatArray());
    assertEquals(0, Tensor.scalar(7).rank());
    assertEquals(7f, Tensor.scalar(7).item());
    assertEquals("(2, 3)", Tensor.zeros(2, 3).shape().toString());
    assertEquals("(5,)", Tensor.zeros(5).shape().toString());
    assertEquals("()", Tensor.scalar(1).shape().toString());
  }

  @Test
  void ofCopiesAndValidatesItsInput() {
    float[] values = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(values, 2, 3);
    values[0] = 99;
    assertEquals(1f, t.get(0, 0));
    assertEquals(6f, t.get(1, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
    assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
  }

  @Test
  void transposeAndSliceAreViewsThatReadCorrectly() {
    Tensor t = Tensor.arange(24).reshape(2, 3, 4);
    Tensor tt = t.transpose(2, 0, 1);
    assertEquals(Shape.of(4, 2, 3), tt.shape());
    assertFalse(tt.isContiguous());
    assertEquals(t.get(1, 2, 3), tt.get(3, 1, 2));
    Tensor s = Ops.slice(t, new int[] {1, 1, 1}, new int[] {1, 2, -1});
    assertEquals(Shape.of(1, 2, 3), s.shape());
    assertArrayEquals(new float[] {17, 18, 19, 21, 22, 23}, s.toFloatArray());
    // A contiguous copy of a view has the same values in row-major order.
    assertArrayEquals(s.toFloatArray(), s.contiguous().toFloatArray());
    assertTrue(s.contiguous().isContiguous());
  }

  @Test
  void seededRandomIsReproducibleAndHasTheRightMoments() {
    assertArrayEquals(
        new Rng(3).normal(0, 1, 100).toFloatArray(), new Rng(3).normal(0, 1, 100).toFloatArray());
    float[] u = new Rng(1).uniform(-2, 3, 200_000).toFloatArray();
    float[] n = new Rng(2).normal(1, 2, 200_000).toFloatArray();
    float[] t = new Rng(4).truncatedNormal(0, 0.5f, 200_000).toFloatArray();
    double uMean = 0;
    double nMean = 0;
    double nVar = 0;
    for (int i = 0; i < u.length; i++) {
      assertTrue(u[i] >= -2 && u[i] < 3);
      assertTrue(Math.abs(t[i]) <= 1.0f, "truncated normal stays within 2 stddev");
      uMean += u[i];
      nMean += n[i];
    }
    uMean /= u.length;
    nMean /= n.length;
    for (float v : n) {
      nVar += (v - nMean) * (v - nMean);
    }
    nVar /= n.length;
    assertEquals(0.5, uMean, 0.02);
    assertEquals(1.0, nMean, 0.02);
    assertEquals(4.0, nVar, 0.06);
  }
}
