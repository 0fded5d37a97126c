package dev.graft.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.layers.LayerNames;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpatialDropout2DTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void identityInInference() {
    Tensor x = new Rng(1).uniform(-1, 1, 2, 3, 3, 4);
    SpatialDropout2D d = new SpatialDropout2D(0.5f, 7L, null);
    assertSame(x, d.apply(x, false));
    assertSame(x, new SpatialDropout2D(0f).apply(x, true));
    assertEquals("spatial_dropout2d", d.name());
  }

  /** Each (sample, channel) map is either all zero or all scaled by 1 / (1 - rate). */
  @Test
  void dropsWholeChannelsAtAboutRate() {
    float rate = 0.25f;
    int n = 40;
    int h = 5;
    int w = 6;
    int c = 50;
    Tensor x = new Rng(2).uniform(1, 2, n, h, w, c);
    float[] in = x.toFloatArray();
    float[] out = new SpatialDropout2D(rate, 11L, null).apply(x, true).toFloatArray();
    int dropped = 0;
    for (int b = 0; b < n; b++) {
      for (int k = 0; k < c; k++) {
        boolean zero = out[(b * h * w) * c + k] == 0f;
        if (zero) {
          dropped++;
        }
        for (int p = 0; p < h * w; p++) {
          int i = (b * h * w + p) * c + k;
          assertEquals(zero ? 0f : in[i] / (1 - rate), out[i], 1e-6f * Math.abs(in[i]) * 2);
        }
      }
    }
    // 2,000 Bernoulli(0.25) maps: standard deviation of the fraction ~0.0097.
    assertEquals(rate, dropped / (double) (n * c), 0.04);
  }

  /** Finite differences through a fresh layer of the same seed, whose first mask is the same. */
  @Test
  void gradientMatchesFiniteDifferences() {
    Tensor x = new Rng(4).uniform(-1, 1, 2, 3, 3, 4);
    Tensor r = new Rng(5).uniform(-1, 1, 2, 3, 3, 4);
    Tensor g;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor y = new SpatialDropout2D(0.5f, 5L, null).apply(x, true);
      g = tape.gradient(Ops.sum(Ops.mul(y, r)), x);
    }
    float[] xs = x.toFloatArray();
    float[] gs = g.toFloatArray();
    double eps = 1e-2;
    int zeros = 0;
    for (int i = 0; i < xs.length; i++) {
      float[] plus = xs.clone();
      float[] minus = xs.clone();
      plus[i] += (float) eps;
      minus[i] -= (float) eps;
      double fd = (loss(plus, r) - loss(minus, r)) / (2 * eps);
      assertEquals(fd, gs[i], 1e-3, "d loss / d x[" + i + "]");
      zeros += gs[i] == 0f ? 1 : 0;
    }
    assertTrue(zeros > 0 && zeros < xs.length, "some maps dropped, some kept: " + zeros);
  }

  private static double loss(float[] x, Tensor r) {
    float[] y =
        new SpatialDropout2D(0.5f, 5L, null).apply(Tensor.of(x, 2, 3, 3, 4), true).toFloatArray();
    float[] rs = r.toFloatArray();
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (double) y[i] * rs[i];
    }
    return sum;
  }

  @Test
  void seededLayersRepeatAndBadInputIsNamed() {
    Tensor x = Tensor.ones(3, 2, 2, 8);
    assertArrayEquals(
        new SpatialDropout2D(0.5f, 9L, null).apply(x, true).toFloatArray(),
        new SpatialDropout2D(0.5f, 9L, null).apply(x, true).toFloatArray());
    assertThrows(IllegalArgumentException.class, () -> new SpatialDropout2D(1f));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SpatialDropout2D(0.5f, 1L, "sd").apply(Tensor.ones(2, 8), true));
    assertTrue(e.getMessage().contains("sd"), e.getMessage());
  }
}
