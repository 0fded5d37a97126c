package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Ops#dropoutMask}: rate 0, statistics, kept values, seeding, and use as a multiplier. */
class DropoutMaskTest {

  @Test
  void rateZeroKeepsEverything() {
    Tensor m = Ops.dropoutMask(new Rng(1), 0f, 7, 13);
    assertArrayEquals(new int[] {7, 13}, m.shape().dims());
    for (float v : m.toFloatArray()) {
      assertEquals(1f, v);
    }
  }

  @Test
  void fractionOfZerosIsNearTheRateAndKeptValuesAreScaled() {
    int n = 100_000;
    for (float rate : new float[] {0.1f, 0.5f, 0.8f}) {
      float[] m = Ops.dropoutMask(new Rng(42), rate, 100, 1000).toFloatArray();
      assertEquals(n, m.length);
      int zeros = 0;
      float keep = 1f / (1f - rate);
      for (float v : m) {
        if (v == 0f) {
          zeros++;
        } else {
          assertEquals(1.0 / (1.0 - rate), v, 1e-6 * keep);
        }
      }
      // The binomial standard deviation is at most sqrt(n / 4) = 158; allow five of them.
      assertEquals(rate * n, zeros, 800, "zeros at rate " + rate);
      double mean = 0;
      for (float v : m) {
        mean += v;
      }
      assertEquals(1.0, mean / n, 0.02, "expected value is kept at rate " + rate);
    }
  }

  @Test
  void sameSeedSameMaskDifferentSeedDifferentMask() {
    float[] a = Ops.dropoutMask(new Rng(7), 0.3f, 1000).toFloatArray();
    float[] b = Ops.dropoutMask(new Rng(7), 0.3f, 1000).toFloatArray();
    float[] c = Ops.dropoutMask(new Rng(8), 0.3f, 1000).toFloatArray();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    // Consecutive masks from one generator differ.
    Rng rng = new Rng(7);
    Ops.dropoutMask(rng, 0.3f, 1000);
    assertFalse(Arrays.equals(a, Ops.dropoutMask(rng, 0.3f, 1000).toFloatArray()));
  }

  @Test
  void gradientThroughTheMaskIsTheMask() {
    Tensor x = new Rng(3).uniform(-1f, 1f, 50);
    Tensor mask = Ops.dropoutMask(new Rng(4), 0.5f, 50);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor g = tape.gradient(Ops.sum(Ops.mul(x, mask)), x);
      assertArrayEquals(mask.toFloatArray(), g.toFloatArray());
      assertTrue(Arrays.asList(0f, 2f).containsAll(ElementwiseOpsTest.values(g)));
    }
  }
}
