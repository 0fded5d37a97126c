package dev.graft.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import dev.graft.layers.LayerNames;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DropoutTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void identityInInference() {
    Tensor x = new Rng(1).uniform(-1, 1, 8, 16);
    Dropout d = new Dropout(0.5f, 7L);
    assertSame(x, d.apply(x));
    assertSame(x, d.apply(x, false));
    assertSame(x, new Dropout(0f).apply(x, true));
  }

  @Test
  void trainingDropsAboutRateAndScalesTheRest() {
    float rate = 0.3f;
    Tensor x = new Rng(2).uniform(1, 2, 200, 500);
    float[] in = x.toFloatArray();
    float[] out = new Dropout(rate, 42L).apply(x, true).toFloatArray();
    int zeros = 0;
    for (int i = 0; i < in.length; i++) {
      if (out[i] == 0f) {
        zeros++;
      } else {
        assertEquals(in[i] / (1 - rate), out[i], 1e-6f * out[i]);
      }
    }
    // 100,000 Bernoulli(0.3) draws: standard deviation of the fraction ~0.0014.
    assertEquals(rate, zeros / (double) in.length, 0.01);
  }

  @Test
  void freshMaskEachCallAndSeededLayersRepeat() {
    Tensor x = Tensor.ones(64, 64);
    Dropout a = new Dropout(0.5f, 99L);
    Dropout b = new Dropout(0.5f, 99L);
    float[] a1 = a.apply(x, true).toFloatArray();
    float[] a2 = a.apply(x, true).toFloatArray();
    assertFalse(Arrays.equals(a1, a2), "two training calls drew the same mask");
    assertArrayEquals(a1, b.apply(x, true).toFloatArray());
    assertArrayEquals(a2, b.apply(x, true).toFloatArray());
  }

  @Test
  void gradientIsTheMask() {
    Tensor x = new Rng(4).uniform(-1, 1, 10, 10);
    Dropout d = new Dropout(0.4f, 5L);
    Tensor y;
    Tensor g;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      y = d.apply(x, true);
      g = tape.gradient(Ops.sum(y), x);
    }
    float[] xs = x.toFloatArray();
    float[] ys = y.toFloatArray();
    float[] gs = g.toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      assertEquals(ys[i] == 0f ? 0f : 1f / 0.6f, gs[i], 1e-6f);
    }
  }

  @Test
  void explicitTrainingFalseAtBuildTimeStaysOffInsideAModel() {
    KerasTensor in = Input.of(1000);
    KerasTensor off = new Dropout(0.5f, 1L).apply(in, false);
    Model fixed = new Model(in, off, "fixed");
    KerasTensor in2 = Input.of(1000);
    Model follows = new Model(in2, new Dropout(0.5f, 1L).apply(in2), "follows");
    Tensor x = Tensor.ones(2, 1000);
    assertArrayEquals(x.toFloatArray(), fixed.apply(x, true).toFloatArray());
    float[] trained = follows.apply(x, true).toFloatArray();
    assertTrue(count(trained, 0f) > 500, "dropout did not run in the training model");
    assertArrayEquals(x.toFloatArray(), follows.apply(x, false).toFloatArray());
  }

  private static int count(float[] v, float value) {
    int n = 0;
    for (float f : v) {
      n += f == value ? 1 : 0;
    }
    return n;
  }

  @Test
  void noiseShapeDropsWholeSamples() {
    // (None, 1, 1, 1): one draw per sample, shared by all of its values (drop-connect).
    Tensor x = new Rng(6).uniform(1, 2, 64, 3, 4, 5);
    Dropout d = new Dropout(0.5f, new int[] {-1, 1, 1, 1}, 11L, "drop");
    float[] in = x.toFloatArray();
    float[] out = d.apply(x, true).toFloatArray();
    int per = 3 * 4 * 5;
    int dropped = 0;
    for (int b = 0; b < 64; b++) {
      boolean zero = out[b * per] == 0f;
      dropped += zero ? 1 : 0;
      for (int i = b * per; i < (b + 1) * per; i++) {
        assertEquals(zero ? 0f : in[i] * 2f, out[i], 1e-6f, "sample " + b + " value " + i);
      }
    }
    // 64 fair coin flips: all kept or all dropped has probability 2^-63.
    assertTrue(dropped > 0 && dropped < 64, "dropped " + dropped + " of 64 samples");
    assertArrayEquals(new int[] {-1, 1, 1, 1}, d.noiseShape());
    assertSame(x, d.apply(x, false));
  }

  @Test
  void noiseShapeMustBroadcast() {
    Dropout d = new Dropout(0.5f, new int[] {-1, 2, 1}, 1L, "bad_noise");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.apply(Input.of(3, 5)));
    assertTrue(e.getMessage().contains("bad_noise"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 2, 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("(None, 3, 5)"), e.getMessage());
    Dropout rank = new Dropout(0.5f, new int[] {-1, 1}, 1L, "rank");
    assertThrows(IllegalArgumentException.class, () -> rank.apply(Input.of(3, 5)));
  }

  @Test
  void namesShapesAndErrors() {
    assertEquals("dropout", new Dropout(0.1f).name());
    assertEquals("dropout_1", new Dropout(0.1f).name());
    assertArrayEquals(new int[] {-1, 3, 5}, new Dropout(0.2f).apply(Input.of(3, 5)).shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f));
    assertTrue(e.getMessage().contains("Dropout"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f));
  }

  @Test
  void identityPassesThrough() {
    Tensor x = Tensor.vector(1, 2, 3);
    Identity id = new Identity();
    assertEquals("identity", id.name());
    assertSame(x, id.apply(x, true));
    assertArrayEquals(new int[] {-1, 4, 4, 2}, new Identity().apply(Input.of(4, 4, 2)).shape());
  }
}
