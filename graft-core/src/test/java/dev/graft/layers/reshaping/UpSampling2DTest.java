package dev.graft.layers.reshaping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.layers.LayerNames;
import dev.graft.layers.Size2D;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UpSampling2D against scalar loops written from Keras's definitions, a hand-computed bilinear row,
 * Keras's docstring example and finite differences. (The keras-js fixtures of Keras 2's nearest
 * mode run in {@code KerasJsFixturesTest}.)
 */
class UpSampling2DTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void kerasDocstringExample() {
    // x = arange(12).reshape(2, 2, 1, 3); UpSampling2D(size=(1, 2)) repeats each column twice.
    float[] x = new float[12];
    for (int i = 0; i < 12; i++) {
      x[i] = i;
    }
    Tensor y = new UpSampling2D(Size2D.of(1, 2), "nearest", null).apply(Tensor.of(x, 2, 2, 1, 3));
    assertArrayEquals(new int[] {2, 2, 2, 3}, y.shape().dims());
    assertArrayEquals(
        new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11},
        y.toFloatArray());
  }

  @Test
  void bilinearOfATwoPixelRowByHand() {
    // Half-pixel centres: outputs sample the input at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (->
    // 1).
    Tensor x = Tensor.of(new float[] {0f, 1f}, 1, 1, 2, 1);
    Tensor y = new UpSampling2D(Size2D.of(1, 2), "bilinear", null).apply(x);
    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, y.toFloatArray(), 1e-7f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nearest", "bilinear"})
  void matchesScalarLoops(String interpolation) {
    int n = 2;
    int h = 3;
    int w = 4;
    int c = 2;
    int fh = 3;
    int fw = 2;
    Tensor x = new Rng(3).uniform(-1, 1, n, h, w, c);
    Tensor y = new UpSampling2D(Size2D.of(fh, fw), interpolation, null).apply(x);
    assertArrayEquals(new int[] {n, h * fh, w * fw, c}, y.shape().dims());
    float[] xs = x.toFloatArray();
    float[] ys = y.toFloatArray();
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < h * fh; i++) {
        for (int j = 0; j < w * fw; j++) {
          for (int k = 0; k < c; k++) {
            double want =
                interpolation.equals("nearest")
                    ? xs[((b * h + i / fh) * w + j / fw) * c + k]
                    : bilinear(xs, b, i, j, k, h, w, c, fh, fw);
            assertEquals(want, ys[((b * h * fh + i) * w * fw + j) * c + k], 1e-6);
          }
        }
      }
    }
  }

  /** The four-neighbour weighted sum at the half-pixel source position, clamped at the border. */
  private static double bilinear(
      float[] x, int b, int i, int j, int k, int h, int w, int c, int fh, int fw) {
    double si = Math.min(Math.max((i + 0.5) / fh - 0.5, 0), h - 1);
    double sj = Math.min(Math.max((j + 0.5) / fw - 0.5, 0), w - 1);
    int i0 = (int) Math.floor(si);
    int j0 = (int) Math.floor(sj);
    int i1 = Math.min(i0 + 1, h - 1);
    int j1 = Math.min(j0 + 1, w - 1);
    double di = si - i0;
    double dj = sj - j0;
    double sum = 0;
    int[][] corners = {{i0, j0}, {i0, j1}, {i1, j0}, {i1, j1}};
    double[] weights = {(1 - di) * (1 - dj), (1 - di) * dj, di * (1 - dj), di * dj};
    for (int q = 0; q < 4; q++) {
      sum += weights[q] * x[((b * h + corners[q][0]) * w + corners[q][1]) * c + k];
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nearest", "bilinear"})
  void gradientMatchesFiniteDifferences(String interpolation) {
    UpSampling2D layer = new UpSampling2D(Size2D.of(2, 3), interpolation, null);
    Tensor x = new Rng(5).uniform(-1, 1, 1, 3, 2, 2);
    Tensor r = new Rng(6).uniform(-1, 1, 1, 6, 6, 2);
    Tensor g;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      g = tape.gradient(Ops.sum(Ops.mul(layer.apply(x), r)), x);
    }
    float[] xs = x.toFloatArray();
    float[] gs = g.toFloatArray();
    double eps = 1e-2;
    for (int i = 0; i < xs.length; i++) {
      float[] plus = xs.clone();
      float[] minus = xs.clone();
      plus[i] += (float) eps;
      minus[i] -= (float) eps;
      double up = loss(layer, Tensor.of(plus, 1, 3, 2, 2), r);
      double down = loss(layer, Tensor.of(minus, 1, 3, 2, 2), r);
      assertEquals((up - down) / (2 * eps), gs[i], 1e-3, "d loss / d x[" + i + "]");
    }
  }

  private static double loss(UpSampling2D layer, Tensor x, Tensor r) {
    float[] y = layer.apply(x).toFloatArray();
    float[] rs = r.toFloatArray();
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (double) y[i] * rs[i];
    }
    return sum;
  }

  @Test
  void symbolicShapeAndBadArguments() {
    KerasTensor in = Input.of(7, 5, 8);
    KerasTensor out = new UpSampling2D().apply(in);
    assertArrayEquals(new int[] {-1, 14, 10, 8}, out.shape());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new UpSampling2D(Size2D.of(2), "bicubic", "up"));
    assertTrue(e.getMessage().contains("bicubic"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new UpSampling2D().apply(Tensor.zeros(2, 3, 4)));
    assertTrue(e.getMessage().contains("up_sampling2d"), e.getMessage());
  }
}
