package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RandomContrast, RandomBrightness and RandomCrop. */
class RandomColorCropTest {
  @Test
  void contrastFollowsKerasFormulaWithOneFactorPerImage() {
    // one 2x2 image per batch entry, 1 channel, mean 100; k in [1 - 0.5, 1 + 0.25]
    Tensor x = Tensor.of(new float[] {50, 80, 120, 150, 50, 80, 120, 150}, 2, 2, 2, 1);
    RandomContrast rc = new RandomContrast(new double[] {0.5, 0.25}, 0, 255, 1L, null);
    float[] y = rc.apply(x, true).toFloatArray();
    float[] xs = x.toFloatArray();
    double[] ks = new double[2];
    for (int b = 0; b < 2; b++) {
      double k = (y[4 * b] - 100) / (xs[4 * b] - 100.0);
      assertTrue(k >= 0.5 - 1e-6 && k <= 1.25 + 1e-6, "k = " + k);
      for (int i = 4 * b; i < 4 * b + 4; i++) {
        assertEquals((xs[i] - 100) * k + 100, y[i], 1e-3);
      }
      ks[b] = k;
    }
    assertTrue(ks[0] != ks[1]);
  }

  @Test
  void contrastClipsToTheValueRange() {
    // two channels, means 10 and 150; k in [1, 2]; hand computation from the drawn k
    Tensor x = Tensor.of(new float[] {0, 100, 20, 200}, 1, 2, 1, 2);
    RandomContrast rc = new RandomContrast(new double[] {0, 1}, 0, 255, 1L, null);
    float[] y = rc.apply(x, true).toFloatArray();
    double k = (y[2] - 10) / 10.0;
    assertTrue(k >= 1 && k <= 2);
    double[] expected = {
      (0 - 10) * k + 10, (100 - 150) * k + 150, (20 - 10) * k + 10, (200 - 150) * k + 150
    };
    for (int i = 0; i < 4; i++) {
      assertEquals(Math.min(255, Math.max(0, expected[i])), y[i], 1e-3);
    }
    assertEquals(0f, y[0]);
    // a narrow value range clips the other end
    float[] z =
        new RandomContrast(new double[] {0, 1}, 0, 160, 1L, null).apply(x, true).toFloatArray();
    assertEquals(Math.min(160, (200 - 150) * k + 150), z[3], 1e-3);
  }

  @Test
  void brightnessWithPinnedFactorMatchesHandComputation() {
    Tensor x = Tensor.of(new float[] {0, 100, 200, 250}, 1, 2, 2, 1);
    RandomBrightness rb = new RandomBrightness(new double[] {0.1, 0.1}, 0, 255, 1L, null);
    // delta = 0.1 * 255 = 25.5, then clipped to [0, 255]
    assertArrayEquals(
        new float[] {25.5f, 125.5f, 225.5f, 255}, rb.apply(x, true).toFloatArray(), 1e-4f);
    RandomBrightness dark = new RandomBrightness(new double[] {-0.5, -0.5}, -1, 1, 1L, null);
    Tensor y = Tensor.of(new float[] {-1, 0, 0.5f, 1}, 1, 2, 2, 1);
    assertArrayEquals(new float[] {-1, -1, -0.5f, 0}, dark.apply(y, true).toFloatArray(), 1e-6f);
  }

  @Test
  void colourLayersAreIdentityInInferenceSeededAndPerImage() {
    Tensor x = new Rng(1).uniform(0, 255, 4, 5, 5, 3);
    assertSame(x, new RandomContrast(0.5).apply(x));
    assertSame(x, new RandomBrightness(0.5).apply(x, false));
    RandomBrightness a = new RandomBrightness(new double[] {0.2}, 0, 255, 4L, null);
    RandomBrightness b = new RandomBrightness(new double[] {0.2}, 0, 255, 4L, null);
    float[] a1 = a.apply(x, true).toFloatArray();
    assertArrayEquals(a1, b.apply(x, true).toFloatArray());
    assertTrue(!Arrays.equals(a1, a.apply(x, true).toFloatArray()));
    float[] xs = x.toFloatArray();
    // different deltas for different images (checked on an unclipped pixel of each)
    float d0 = a1[0] - xs[0];
    boolean differs = false;
    for (int img = 1; img < 4; img++) {
      int i = img * 75;
      differs |= Math.abs((a1[i] - xs[i]) - d0) > 1e-3f;
    }
    assertTrue(differs);
    assertArrayEquals(
        new int[] {-1, 5, 5, 3}, new RandomContrast(0.2).apply(Input.of(5, 5, 3)).shape());
  }

  @Test
  void cropIsAWindowOfTheInputWhileTraining() {
    Tensor x = RandomGeometryTest.ramp(6, 5, 7, 1);
    float[] xs = x.toFloatArray();
    float[] y = new RandomCrop(3, 4, 2L, null).apply(x, true).toFloatArray();
    assertEquals(6 * 12, y.length);
    boolean differentOffsets = false;
    int firstTop = -1;
    for (int b = 0; b < 6; b++) {
      // the window's top-left value tells its offset
      int corner = (int) y[b * 12] - b * 35;
      int top = corner / 7;
      int left = corner % 7;
      assertTrue(top <= 2 && left <= 3);
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          assertEquals(xs[b * 35 + (top + r) * 7 + left + c], y[b * 12 + r * 4 + c]);
        }
      }
      differentOffsets |= firstTop >= 0 && corner != firstTop;
      if (b == 0) {
        firstTop = corner;
      }
    }
    assertTrue(differentOffsets);
  }

  @Test
  void cropInInferenceCentresTheLargestWindowAndResizes() {
    // 4x8 input, target 2x2: the centred 4x4 window (columns 2..5) resized by half
    Tensor x = RandomGeometryTest.ramp(1, 4, 8, 1);
    float[] y = new RandomCrop(2, 2).apply(x).toFloatArray();
    // half-pixel bilinear of a factor-2 shrink averages the 2x2 blocks' centres: (0.5, 0.5) offsets
    float[] xs = x.toFloatArray();
    float[] expected = new float[4];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 2; c++) {
        int y0 = 2 * r;
        int x0 = 2 + 2 * c;
        expected[r * 2 + c] =
            (xs[y0 * 8 + x0]
                    + xs[y0 * 8 + x0 + 1]
                    + xs[(y0 + 1) * 8 + x0]
                    + xs[(y0 + 1) * 8 + x0 + 1])
                / 4;
      }
    }
    assertArrayEquals(expected, y, 1e-4f);
    // same size: untouched; symbolic shape: the target
    Tensor same = RandomGeometryTest.ramp(2, 3, 4, 1);
    assertSame(same, new RandomCrop(3, 4).apply(same, true));
    assertArrayEquals(
        new int[] {-1, 3, 4, 2}, new RandomCrop(3, 4).apply(Input.of(10, 10, 2)).shape());
    // smaller than the target while training: resized, not cropped
    assertArrayEquals(
        new int[] {1, 6, 6, 1},
        new RandomCrop(6, 6).apply(RandomGeometryTest.ramp(1, 3, 3, 1), true).shape().dims());
  }
}
