package dev.graft.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.initializers.VarianceScaling.Distribution;
import dev.graft.initializers.VarianceScaling.Mode;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InitializersTest {
  /** A conv kernel (kh, kw, in, out): fanIn = 3*3*64 = 576, fanOut = 3*3*128 = 1152. */
  private static final int[] CONV = {3, 3, 64, 128};

  private static final double FAN_IN = 576;
  private static final double FAN_OUT = 1152;

  private record Stats(double mean, double std, double min, double max, int n) {
    static Stats of(float[] v) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (float f : v) {
        sum += f;
        min = Math.min(min, f);
        max = Math.max(max, f);
      }
      double mean = sum / v.length;
      double sq = 0;
      for (float f : v) {
        sq += (f - mean) * (f - mean);
      }
      return new Stats(mean, Math.sqrt(sq / v.length), min, max, v.length);
    }

    /** Mean within 6 standard errors, std within 2 %. */
    void expect(double mean, double std) {
      assertEquals(mean, this.mean, 6 * std / Math.sqrt(n), "mean");
      assertEquals(std, this.std, 0.02 * std, "standard deviation");
    }
  }

  private static Stats stats(Initializer init, int... shape) {
    return Stats.of(init.create(shape).toFloatArray());
  }

  @Test
  void fansOfConvKernelsCountTheReceptiveField() {
    assertEquals(new Fans(FAN_IN, FAN_OUT), Fans.of(CONV));
    assertEquals(new Fans(9 * 32, 9), Fans.of(new int[] {3, 3, 32, 1}));
    assertEquals(new Fans(4, 3), Fans.of(new int[] {4, 3}));
    assertEquals(new Fans(5, 5), Fans.of(new int[] {5}));
    assertEquals(new Fans(1, 1), Fans.of(new int[] {}));
  }

  @Test
  void truncatedNormalFamiliesHaveTheirVarianceAfterTruncation() {
    check(new GlorotNormal(1L), Math.sqrt(2 / (FAN_IN + FAN_OUT)), true);
    check(new HeNormal(2L), Math.sqrt(2 / FAN_IN), true);
    check(new LecunNormal(3L), Math.sqrt(1 / FAN_IN), true);
    check(
        new VarianceScaling(3, Mode.FAN_OUT, Distribution.TRUNCATED_NORMAL, 4L),
        Math.sqrt(3 / FAN_OUT),
        true);
  }

  private static void check(Initializer init, double std, boolean truncated) {
    Stats s = stats(init, CONV);
    s.expect(0, std);
    double bound = truncated ? 2 * std / VarianceScaling.TRUNCATED_STDDEV : std * Math.sqrt(3);
    assertTrue(-bound * (1 + 1e-6) <= s.min() && s.max() <= bound * (1 + 1e-6), "bounds " + s);
    // the bounds are reached: the values fill the range
    assertTrue(s.max() > 0.95 * bound && s.min() < -0.95 * bound, "range " + s);
  }

  @Test
  void uniformFamiliesHaveLimitSqrtThreeVariance() {
    check(new HeUniform(5L), Math.sqrt(2 / FAN_IN), false);
    check(new LecunUniform(6L), Math.sqrt(1 / FAN_IN), false);
    check(new GlorotUniform(7L), Math.sqrt(2 / (FAN_IN + FAN_OUT)), false);
    check(
        new VarianceScaling(0.5, Mode.FAN_AVG, Distribution.UNIFORM, 8L),
        Math.sqrt(0.5 / ((FAN_IN + FAN_OUT) / 2)),
        false);
  }

  @Test
  void untruncatedNormalHasTheFullVariance() {
    Stats s = stats(new VarianceScaling(2, Mode.FAN_IN, Distribution.UNTRUNCATED_NORMAL, 9L), CONV);
    s.expect(0, Math.sqrt(2 / FAN_IN));
    assertTrue(s.max() > 3 * s.std(), "an untruncated normal reaches beyond 3 sigma: " + s);
  }

  @Test
  void randomDistributionsWithExplicitParameters() {
    stats(new RandomNormal(1.5f, 0.3f, 10L), 300, 300).expect(1.5, 0.3);
    Stats u = stats(new RandomUniform(-2f, 4f, 11L), 300, 300);
    u.expect(1, 6 / Math.sqrt(12));
    assertTrue(u.min() >= -2 && u.max() < 4, u.toString());
    Stats t = stats(new TruncatedNormal(-1f, 0.5f, 12L), 300, 300);
    t.expect(-1, 0.5 * VarianceScaling.TRUNCATED_STDDEV);
    assertTrue(t.min() >= -2 - 1e-6 && t.max() <= 1e-6, t.toString());
    Stats d = stats(new RandomNormal(), 300, 300);
    d.expect(0, 0.05);
  }

  @Test
  void constantFillsEveryValue() {
    float[] v = new Constant(0.25f).create(new int[] {3, 4}).toFloatArray();
    float[] expected = new float[12];
    Arrays.fill(expected, 0.25f);
    assertArrayEquals(expected, v);
    assertArrayEquals(new float[4], new Constant().create(new int[] {4}).toFloatArray());
  }

  @Test
  void sameSeedSameValuesAndUnseededDiffer() {
    int[] shape = {4, 5};
    Function<Long, Initializer[]> all =
        seed ->
            new Initializer[] {
              new GlorotNormal(seed),
              new HeNormal(seed),
              new HeUniform(seed),
              new LecunNormal(seed),
              new LecunUniform(seed),
              new RandomNormal(0, 1, seed),
              new RandomUniform(-1, 1, seed),
              new TruncatedNormal(0, 1, seed),
              new VarianceScaling(1, Mode.FAN_IN, Distribution.UNTRUNCATED_NORMAL, seed)
            };
    Initializer[] a = all.apply(42L);
    Initializer[] b = all.apply(42L);
    Initializer[] c = all.apply(43L);
    Initializer[] unseeded = all.apply(null);
    for (int i = 0; i < a.length; i++) {
      String what = a[i].getClass().getSimpleName();
      float[] first = a[i].create(shape).toFloatArray();
      assertArrayEquals(first, a[i].create(shape).toFloatArray(), what + " repeated");
      assertArrayEquals(first, b[i].create(shape).toFloatArray(), what + " same seed");
      assertFalse(Arrays.equals(first, c[i].create(shape).toFloatArray()), what + " other seed");
      assertFalse(
          Arrays.equals(
              unseeded[i].create(shape).toFloatArray(), unseeded[i].create(shape).toFloatArray()),
          what + " unseeded");
    }
  }

  @Test
  void invalidSettingsAreExplained() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new VarianceScaling(0, Mode.FAN_IN, Distribution.UNIFORM, null));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Mode.of("fan_sideways"));
    assertTrue(e.getMessage().contains("fan_in, fan_out or fan_avg"), e.getMessage());
    assertEquals(Mode.FAN_AVG, Mode.of("fan_avg"));
    assertEquals(Distribution.TRUNCATED_NORMAL, Distribution.of("normal"));
    assertEquals(Distribution.UNIFORM, Distribution.of("uniform"));
    assertThrows(IllegalArgumentException.class, () -> Distribution.of("gamma"));
    assertThrows(IllegalArgumentException.class, () -> new RandomNormal(0, -1, null));
    assertThrows(IllegalArgumentException.class, () -> new RandomUniform(1, 0, null));
  }
}
