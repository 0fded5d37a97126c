package dev.graft.layers.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.models.Input;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RandomRotation, RandomZoom, RandomTranslation and their shared sampler. */
class RandomGeometryTest {
  private static final String[] MODES = {"reflect", "wrap", "constant", "nearest"};

  // ---- a naive reference of Keras's definitions (affine_transform + map_coordinates) ----

  /** Keras's index fixers, written from their definitions; -1 reads the fill value. */
  static int refIndex(String mode, int i, int n) {
    switch (mode) {
      case "constant":
        return i >= 0 && i < n ? i : -1;
      case "nearest":
        return Math.max(0, Math.min(n - 1, i));
      case "wrap":
        return ((i % n) + n) % n;
      default:
        // "reflect": a triangular wave on the doubled, offset index
        int j = 2 * i + 1;
        int s = 2 * n; // size 2n + 1, half-wavelength 2n
        int mirrored = Math.abs(Math.floorMod(j + s, 2 * s) - s);
        return Math.floorDiv(mirrored - 1, 2);
    }
  }

  static float refRead(
      float[] img, int h, int w, int c, int y, int x, int k, String mode, float v) {
    int fy = refIndex(mode, y, h);
    int fx = refIndex(mode, x, w);
    return fy < 0 || fx < 0 ? v : img[(fy * w + fx) * c + k];
  }

  /** Samples a HWC image where output (x, y) reads input (ax x + a0, by y + b0), no rotation. */
  static float[] refAxisAligned(
      float[] img,
      int h,
      int w,
      int c,
      double ax,
      double a0,
      double by,
      double b0,
      String mode,
      float v,
      boolean bilinear) {
    float[] out = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sx = ax * x + a0;
        double sy = by * y + b0;
        for (int k = 0; k < c; k++) {
          double val;
          if (bilinear) {
            int x0 = (int) Math.floor(sx);
            int y0 = (int) Math.floor(sy);
            double tx = sx - x0;
            double ty = sy - y0;
            val =
                (1 - ty) * (1 - tx) * refRead(img, h, w, c, y0, x0, k, mode, v)
                    + (1 - ty) * tx * refRead(img, h, w, c, y0, x0 + 1, k, mode, v)
                    + ty * (1 - tx) * refRead(img, h, w, c, y0 + 1, x0, k, mode, v)
                    + ty * tx * refRead(img, h, w, c, y0 + 1, x0 + 1, k, mode, v);
          } else {
            int rx = (int) Math.signum(sx) * (int) Math.floor(Math.abs(sx) + 0.5);
            int ry = (int) Math.signum(sy) * (int) Math.floor(Math.abs(sy) + 0.5);
            val = refRead(img, h, w, c, ry, rx, k, mode, v);
          }
          out[(y * w + x) * c + k] = (float) val;
        }
      }
    }
    return out;
  }

  static Tensor ramp(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Tensor.of(v, shape);
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-3f, what + " at " + i);
    }
  }

  // ---- the sampler's fill modes on a 1-D row ----

  @Test
  void fillModesOnARowMatchKerasDefinitions() {
    // the 1-D example of Keras's docs, input a b c d = 1 2 3 4
    String[] expected = {
      "4 3 2 1 1 2 3 4 4 3 2 1", // reflect: d c b a | a b c d | d c b a
      "1 2 3 4 1 2 3 4 1 2 3 4", // wrap
      "9 9 9 9 1 2 3 4 9 9 9 9", // constant, k = 9
      "1 1 1 1 1 2 3 4 4 4 4 4" // nearest
    };
    for (int m = 0; m < MODES.length; m++) {
      ImageSampler s = new ImageSampler(ImageSampler.Fill.parse("test", MODES[m]), 9f, false);
      StringBuilder got = new StringBuilder();
      for (int i = -4; i < 8; i++) {
        int j = s.fixIndex(i, 4);
        got.append(i == -4 ? "" : " ").append(j < 0 ? 9 : j + 1);
      }
      assertEquals(expected[m], got.toString(), MODES[m]);
      for (int n = 1; n <= 5; n++) {
        for (int i = -23; i < 23; i++) {
          assertEquals(
              refIndex(MODES[m], i, n), s.fixIndex(i, n), MODES[m] + " i=" + i + " n=" + n);
        }
      }
    }
  }

  // ---- rotation ----

  @Test
  void quarterTurnsWithNearestAreTransposeAndFlip() {
    int n = 5;
    Tensor x = ramp(2, n, n, 2);
    float[] xs = x.toFloatArray();
    for (double turn : new double[] {0.25, -0.25}) {
      RandomRotation r =
          new RandomRotation(turn, turn, GeometryOptions.defaults().interpolation("nearest"));
      float[] y = r.apply(x, true).toFloatArray();
      for (int b = 0; b < 2; b++) {
        for (int row = 0; row < n; row++) {
          for (int col = 0; col < n; col++) {
            // counter-clockwise (np.rot90) for +90 degrees, clockwise for -90
            int sr = turn > 0 ? col : n - 1 - col;
            int sc = turn > 0 ? n - 1 - row : row;
            for (int k = 0; k < 2; k++) {
              assertEquals(
                  xs[((b * n + sr) * n + sc) * 2 + k],
                  y[((b * n + row) * n + col) * 2 + k],
                  "turn " + turn + " at " + row + "," + col);
            }
          }
        }
      }
    }
  }

  @Test
  void halfTurnBilinearIsExactReversal() {
    Tensor x = ramp(1, 4, 6, 1);
    float[] y =
        new RandomRotation(0.5, 0.5, GeometryOptions.defaults()).apply(x, true).toFloatArray();
    float[] xs = x.toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals(xs[xs.length - 1 - i], y[i], 1e-3f);
    }
  }

  @Test
  void rotationIsIdentityInInferenceAndSeeded() {
    Tensor x = new Rng(5).uniform(0, 255, 3, 8, 8, 3);
    assertSame(x, new RandomRotation(0.2).apply(x));
    GeometryOptions o = GeometryOptions.defaults().seed(11L);
    RandomRotation a = new RandomRotation(0.2, o);
    RandomRotation b = new RandomRotation(0.2, o);
    float[] a1 = a.apply(x, true).toFloatArray();
    assertArrayEquals(a1, b.apply(x, true).toFloatArray());
    assertTrue(!Arrays.equals(a1, a.apply(x, true).toFloatArray()));
    // different images of a batch get different angles
    Tensor same =
        Tensor.of(repeat(new Rng(6).uniform(0, 1, 8, 8, 1).toFloatArray(), 2), 2, 8, 8, 1);
    float[] y =
        new RandomRotation(0.2, GeometryOptions.defaults().seed(3L))
            .apply(same, true)
            .toFloatArray();
    assertTrue(!Arrays.equals(Arrays.copyOfRange(y, 0, 64), Arrays.copyOfRange(y, 64, 128)));
  }

  static float[] repeat(float[] v, int times) {
    float[] out = new float[v.length * times];
    for (int t = 0; t < times; t++) {
      System.arraycopy(v, 0, out, t * v.length, v.length);
    }
    return out;
  }

  // ---- zoom and translation with pinned factors vs the reference ----

  @Test
  void zoomWithPinnedFactorsMatchesReference() {
    int h = 5;
    int w = 7;
    int c = 2;
    Tensor x = new Rng(7).uniform(0, 10, 1, h, w, c);
    float[] xs = x.toFloatArray();
    for (String mode : MODES) {
      for (String interp : new String[] {"nearest", "bilinear"}) {
        GeometryOptions o =
            GeometryOptions.defaults().fillMode(mode).fillValue(-3f).interpolation(interp);
        // zoom out 1.5 vertically, zoom in 0.75 horizontally
        RandomZoom z = new RandomZoom(new double[] {0.5, 0.5}, new double[] {-0.25, -0.25}, o);
        double zy = 1.5;
        double zx = 0.75;
        float[] expected =
            refAxisAligned(
                xs,
                h,
                w,
                c,
                zx,
                (w - 1) / 2.0 * (1 - zx),
                zy,
                (h - 1) / 2.0 * (1 - zy),
                mode,
                -3f,
                interp.equals("bilinear"));
        assertClose(expected, z.apply(x, true).toFloatArray(), "zoom " + mode + " " + interp);
      }
    }
  }

  @Test
  void positiveZoomFactorZoomsOut() {
    // a bright centre pixel in a dark 5x5 image: zooming out keeps it, shrinks nothing else bright
    float[] v = new float[25];
    v[12] = 1;
    Tensor x = Tensor.of(v, 1, 5, 5, 1);
    GeometryOptions o = GeometryOptions.defaults().fillMode("constant").interpolation("nearest");
    float[] out = new RandomZoom(new double[] {1, 1}, null, o).apply(x, true).toFloatArray();
    // zoom 2: the output reads 2 * (p - 2) + 2; only the centre reads the bright pixel
    float sum = 0;
    for (float f : out) {
      sum += f;
    }
    assertEquals(1f, sum);
    assertEquals(1f, out[12]);
  }

  @Test
  void translationWithPinnedFactorsMatchesReference() {
    int h = 4;
    int w = 6;
    Tensor x = new Rng(8).uniform(0, 10, 2, h, w, 1);
    float[] xs = x.toFloatArray();
    for (String mode : MODES) {
      for (String interp : new String[] {"nearest", "bilinear"}) {
        GeometryOptions o =
            GeometryOptions.defaults().fillMode(mode).fillValue(7f).interpolation(interp);
        RandomTranslation t =
            new RandomTranslation(new double[] {0.3, 0.3}, new double[] {-0.5, -0.5}, o);
        float[] y = t.apply(x, true).toFloatArray();
        double dy = 0.3 * h;
        double dx = -0.5 * w;
        for (int b = 0; b < 2; b++) {
          float[] img = Arrays.copyOfRange(xs, b * h * w, (b + 1) * h * w);
          float[] expected =
              refAxisAligned(img, h, w, 1, 1, -dx, 1, -dy, mode, 7f, interp.equals("bilinear"));
          assertClose(
              expected,
              Arrays.copyOfRange(y, b * h * w, (b + 1) * h * w),
              "shift " + mode + " " + interp);
        }
      }
    }
  }

  @Test
  void positiveShiftMovesContentDownAndRight() {
    Tensor x = ramp(1, 4, 4, 1);
    GeometryOptions o = GeometryOptions.defaults().fillMode("constant").interpolation("nearest");
    float[] y =
        new RandomTranslation(new double[] {0.25, 0.25}, new double[] {0.25, 0.25}, o)
            .apply(x, true)
            .toFloatArray();
    assertEquals(0f, y[0]);
    assertEquals(x.toFloatArray()[0], y[5]);
    assertEquals(x.toFloatArray()[10], y[15]);
  }

  @Test
  void optionsAreCheckedAndShapesKept() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RandomRotation(0.1, GeometryOptions.defaults().fillMode("mirror")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RandomZoom(
                new double[] {0.1}, null, GeometryOptions.defaults().interpolation("cubic")));
    assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(1.5, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RandomZoom(new double[] {-2, 0}, null, GeometryOptions.defaults()));
    assertArrayEquals(
        new int[] {-1, 9, 7, 3}, new RandomRotation(0.1).apply(Input.of(9, 7, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 9, 7, 3}, new RandomZoom(0.1).apply(Input.of(9, 7, 3)).shape());
    assertArrayEquals(
        new int[] {-1, 9, 7, 3}, new RandomTranslation(0.1, 0.1).apply(Input.of(9, 7, 3)).shape());
    Tensor single = new Rng(9).uniform(0, 1, 6, 6, 3);
    assertArrayEquals(
        new int[] {6, 6, 3}, new RandomRotation(0.3).apply(single, true).shape().dims());
  }
}
