package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageResizeTest {
  // ---- a naive double reference of TensorFlow's formulas, one output pixel at a time ----

  private static double px(float[] img, int w, int c, int y, int x, int k) {
    return img[(y * w + x) * c + k];
  }

  private static double[] reference(
      float[] img, int h, int w, int c, int oh, int ow, Interpolation m) {
    double[] out = new double[oh * ow * c];
    double sy = (double) h / oh;
    double sx = (double) w / ow;
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        for (int k = 0; k < c; k++) {
          double v;
          switch (m) {
            case NEAREST:
              {
                int iy = Math.min((int) Math.floor((y + 0.5) * sy), h - 1);
                int ix = Math.min((int) Math.floor((x + 0.5) * sx), w - 1);
                v = px(img, w, c, iy, ix, k);
                break;
              }
            case BILINEAR:
              {
                double fy = (y + 0.5) * sy - 0.5;
                double fx = (x + 0.5) * sx - 0.5;
                int y0 = Math.max((int) Math.floor(fy), 0);
                int y1 = Math.min((int) Math.ceil(fy), h - 1);
                int x0 = Math.max((int) Math.floor(fx), 0);
                int x1 = Math.min((int) Math.ceil(fx), w - 1);
                double ly = fy - Math.floor(fy);
                double lx = fx - Math.floor(fx);
                double top = px(img, w, c, y0, x0, k) * (1 - lx) + px(img, w, c, y0, x1, k) * lx;
                double bot = px(img, w, c, y1, x0, k) * (1 - lx) + px(img, w, c, y1, x1, k) * lx;
                v = top * (1 - ly) + bot * ly;
                break;
              }
            case AREA:
              {
                double sum = 0;
                double y0 = y * sy;
                double y1 = (y + 1) * sy;
                double x0 = x * sx;
                double x1 = (x + 1) * sx;
                for (int i = (int) Math.floor(y0); i < Math.ceil(y1); i++) {
                  double wy = Math.min(i + 1, y1) - Math.max(i, y0);
                  for (int j = (int) Math.floor(x0); j < Math.ceil(x1); j++) {
                    double wx = Math.min(j + 1, x1) - Math.max(j, x0);
                    sum += wy * wx * px(img, w, c, Math.min(i, h - 1), Math.min(j, w - 1), k);
                  }
                }
                v = sum / (sy * sx);
                break;
              }
            case BICUBIC:
              {
                double[] wy = cubicWeights((y + 0.5) * sy - 0.5, h);
                double[] wx = cubicWeights((x + 0.5) * sx - 0.5, w);
                int by = (int) Math.floor((y + 0.5) * sy - 0.5) - 1;
                int bx = (int) Math.floor((x + 0.5) * sx - 0.5) - 1;
                double sum = 0;
                for (int a = 0; a < 4; a++) {
                  for (int b = 0; b < 4; b++) {
                    if (wy[a] != 0 && wx[b] != 0) {
                      sum += wy[a] * wx[b] * px(img, w, c, by + a, bx + b, k);
                    }
                  }
                }
                v = sum;
                break;
              }
            default:
              throw new AssertionError(m);
          }
          out[(y * ow + x) * c + k] = v;
        }
      }
    }
    return out;
  }

  /** Keys a=-0.5 at the coordinate (fraction rounded to 1/1024), outside taps 0, renormalised. */
  private static double[] cubicWeights(double f, int n) {
    int base = (int) Math.floor(f);
    double t = Math.rint((f - base) * 1024) / 1024;
    double[] d = {t + 1, t, 1 - t, 2 - t};
    double[] wts = new double[4];
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double x = Math.abs(d[i]);
      double k =
          x <= 1
              ? 1.5 * x * x * x - 2.5 * x * x + 1
              : x < 2 ? -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 : 0;
      int idx = base - 1 + i;
      wts[i] = idx < 0 || idx >= n ? 0 : k;
      sum += wts[i];
    }
    for (int i = 0; i < 4; i++) {
      wts[i] /= sum;
    }
    return wts;
  }

  @Test
  void matchesTheReferenceOnAwkwardSizes() {
    int[][] sizes = {
      {5, 7, 3, 11},
      {5, 7, 2, 3},
      {1, 9, 4, 4},
      {9, 1, 2, 5},
      {1, 1, 3, 2},
      {6, 4, 6, 4},
      {13, 17, 5, 6},
      {4, 4, 9, 9},
      {3, 5, 1, 13},
      {10, 3, 10, 1}
    };
    Rng rng = new Rng(7);
    for (int[] s : sizes) {
      for (int c : new int[] {1, 3}) {
        Tensor img = rng.uniform(0, 255, s[0], s[1], c);
        float[] data = img.toFloatArray();
        for (Interpolation m : Interpolation.values()) {
          float[] got = ImageResize.resize(img, s[2], s[3], m).toFloatArray();
          double[] want = reference(data, s[0], s[1], c, s[2], s[3], m);
          assertEquals(want.length, got.length);
          for (int i = 0; i < want.length; i++) {
            assertEquals(
                want[i],
                got[i],
                2e-3,
                m + " " + java.util.Arrays.toString(s) + " c=" + c + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void handCheckedTensorFlowValues() {
    // 2x2 -> 4x4 bilinear, half-pixel: source coordinates -0.25, 0.25, 0.75, 1.25 per axis,
    // so a row [a, b] becomes [a, 0.75a + 0.25b, 0.25a + 0.75b, b].
    Tensor img = Tensor.of(new float[] {0, 4, 8, 12}, 2, 2, 1);
    float[] got = ImageResize.resize(img, 4, 4, Interpolation.BILINEAR).toFloatArray();
    assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, got, 1e-5f);
    // Nearest 2 -> 4 repeats each pixel; 4 -> 2 takes indices floor(0.5*2)=1 and floor(1.5*2)=3.
    assertArrayEquals(
        new float[] {0, 0, 4, 4},
        ImageResize.resize(Tensor.of(new float[] {0, 4}, 1, 2, 1), 1, 4, Interpolation.NEAREST)
            .toFloatArray());
    assertArrayEquals(
        new float[] {1, 3},
        ImageResize.resize(
                Tensor.of(new float[] {0, 1, 2, 3}, 1, 4, 1), 1, 2, Interpolation.NEAREST)
            .toFloatArray());
    // Area 4 -> 2 averages pairs; 3 -> 2 weighs the middle pixel half to each side.
    assertArrayEquals(
        new float[] {0.5f, 2.5f},
        ImageResize.resize(Tensor.of(new float[] {0, 1, 2, 3}, 1, 4, 1), 1, 2, Interpolation.AREA)
            .toFloatArray(),
        1e-6f);
    assertArrayEquals(
        new float[] {(0 + 0.5f * 3) / 1.5f, (0.5f * 3 + 6) / 1.5f},
        ImageResize.resize(Tensor.of(new float[] {0, 3, 6}, 1, 3, 1), 1, 2, Interpolation.AREA)
            .toFloatArray(),
        1e-5f);
    // Bicubic 1x2 -> 1x4: output 0 samples -0.25 (t = 0.75); of the taps -2..1 only 0 and 1
    // are inside, with Keys(0.25) = 0.8671875 and Keys(1.25) = -0.0703125, renormalised. The
    // cubic overshoots: -0.5625 / 0.796875 = -12/17.
    float[] cubic =
        ImageResize.resize(Tensor.of(new float[] {0, 8}, 1, 2, 1), 1, 4, Interpolation.BICUBIC)
            .toFloatArray();
    assertEquals(-12.0 / 17, cubic[0], 1e-5);
    assertEquals(8 + 12.0 / 17, cubic[3], 1e-5);
  }

  @Test
  void sameSizeIsTheIdentityAndBatchesResizeEachImage() {
    Tensor img = new Rng(3).uniform(0, 255, 2, 5, 6, 3);
    for (Interpolation m : Interpolation.values()) {
      assertArrayEquals(
          img.toFloatArray(), ImageResize.resize(img, 5, 6, m).toFloatArray(), 1e-4f, m.name());
    }
    assertArrayEquals(
        img.toFloatArray(),
        ImageResize.resize(img, 5, 6, Interpolation.BILINEAR).toFloatArray(),
        0f);
    Tensor batch = ImageResize.resize(img, 3, 8, Interpolation.BICUBIC);
    assertArrayEquals(new int[] {2, 3, 8, 3}, batch.shape().dims());
    Tensor second =
        ImageResize.resize(
            Tensor.of(java.util.Arrays.copyOfRange(img.toFloatArray(), 90, 180), 5, 6, 3),
            3,
            8,
            Interpolation.BICUBIC);
    assertArrayEquals(
        second.toFloatArray(), java.util.Arrays.copyOfRange(batch.toFloatArray(), 72, 144), 0f);
  }

  @Test
  void cropToAspectRatioTakesTheCentredWindow() {
    // 4x6 image to a square target: 4x4 window starting at column 1.
    float[] v = new float[24];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Tensor img = Tensor.of(v, 4, 6, 1);
    Tensor sq = ImageResize.cropToAspectRatio(img, 10, 10);
    assertArrayEquals(new int[] {4, 4, 1}, sq.shape().dims());
    assertEquals(1f, sq.get(0, 0, 0));
    assertEquals(22f, sq.get(3, 3, 0));
    // 4x6 to 1:3: crop height int(6 * 1 / 3) = 2, starting at row 1.
    Tensor wide = ImageResize.cropToAspectRatio(img, 1, 3);
    assertArrayEquals(new int[] {2, 6, 1}, wide.shape().dims());
    assertEquals(6f, wide.get(0, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageResize.resize(Tensor.zeros(4, 4), 2, 2, Interpolation.AREA));
    assertThrows(
        IllegalArgumentException.class, () -> ImageResize.resize(img, 0, 2, Interpolation.AREA));
    assertEquals(Interpolation.BICUBIC, Interpolation.of("bicubic"));
    assertThrows(IllegalArgumentException.class, () -> Interpolation.of("lanczos9"));
  }
}
