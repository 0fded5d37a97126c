package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomFlipTest {
  /** Image b of a (n, h, w, c) array, flipped as asked, by plain indexing. */
  static float[] flipped(float[] x, int b, int h, int w, int c, boolean fx, boolean fy) {
    float[] out = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        for (int k = 0; k < c; k++) {
          int sy = fy ? h - 1 - y : y;
          int sx = fx ? w - 1 - xx : xx;
          out[(y * w + xx) * c + k] = x[((b * h + sy) * w + sx) * c + k];
        }
      }
    }
    return out;
  }

  @Test
  void identityInInference() {
    Tensor x = new Rng(1).uniform(0, 1, 2, 3, 4, 2);
    assertSame(x, new RandomFlip("horizontal", 1L, null).apply(x));
    assertSame(x, new RandomFlip().apply(x, false));
  }

  @Test
  void eachImageIsExactlyFlippedOrKept() {
    int n = 16;
    int h = 3;
    int w = 4;
    int c = 2;
    Tensor x = new Rng(2).uniform(0, 1, n, h, w, c);
    float[] xs = x.toFloatArray();
    for (String mode : new String[] {"horizontal", "vertical", "horizontal_and_vertical"}) {
      float[] y = new RandomFlip(mode, 5L, null).apply(x, true).toFloatArray();
      boolean sawFlip = false;
      boolean sawKeep = false;
      for (int b = 0; b < n; b++) {
        float[] img = Arrays.copyOfRange(y, b * h * w * c, (b + 1) * h * w * c);
        boolean match = false;
        for (int f = 0; f < 4 && !match; f++) {
          boolean fx = (f & 1) != 0;
          boolean fy = (f & 2) != 0;
          if ((fx && mode.equals("vertical")) || (fy && mode.equals("horizontal"))) {
            continue;
          }
          if (Arrays.equals(img, flipped(xs, b, h, w, c, fx, fy))) {
            match = true;
            sawFlip |= f != 0;
            sawKeep |= f == 0;
          }
        }
        assertTrue(match, mode + ": image " + b + " is not an allowed flip");
      }
      assertTrue(sawFlip && sawKeep, mode + ": 16 images should include flipped and kept ones");
    }
  }

  @Test
  void seededAndFreshEachCall() {
    Tensor x = new Rng(3).uniform(0, 1, 8, 5, 5, 1);
    RandomFlip a = new RandomFlip("horizontal_and_vertical", 9L, null);
    RandomFlip b = new RandomFlip("horizontal_and_vertical", 9L, null);
    Tensor a1 = a.apply(x, true);
    assertArrayEquals(a1.toFloatArray(), b.apply(x, true).toFloatArray());
    boolean differs = false;
    for (int i = 0; i < 5 && !differs; i++) {
      differs = !Arrays.equals(a1.toFloatArray(), a.apply(x, true).toFloatArray());
    }
    assertTrue(differs);
  }

  @Test
  void singleImageAndSymbolicShape() {
    Tensor img = new Rng(4).uniform(0, 1, 4, 4, 3);
    assertArrayEquals(new int[] {4, 4, 3}, new RandomFlip().apply(img, true).shape().dims());
    KerasTensor out = new RandomFlip().apply(Input.of(8, 6, 3));
    assertArrayEquals(new int[] {-1, 8, 6, 3}, out.shape());
    assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
    assertFalse(new RandomFlip().isTrainable() && !new RandomFlip().isBuilt());
  }
}
