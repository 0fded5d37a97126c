package dev.graft.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules against Keras's formulas written out in double at several steps. */
class SchedulesTest {

  @Test
  void exponentialDecay() {
    ExponentialDecay smooth = new ExponentialDecay(0.1f, 10, 0.5f, false);
    ExponentialDecay stairs = new ExponentialDecay(0.1f, 10, 0.5f, true);
    for (long step : new long[] {0, 1, 5, 9, 10, 11, 25, 1000}) {
      assertEquals(0.1f * Math.pow(0.5f, step / 10.0), smooth.apply(step), 1e-8, "step " + step);
      assertEquals(0.1f * Math.pow(0.5f, step / 10), stairs.apply(step), 1e-8, "step " + step);
    }
    assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1f, 0, 0.5f, false));
  }

  @Test
  void piecewiseConstantBoundariesBelongToTheLowerInterval() {
    PiecewiseConstantDecay s =
        new PiecewiseConstantDecay(new long[] {3, 7}, new float[] {1f, 0.5f, 0.1f});
    float[] expected = {1f, 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.1f, 0.1f};
    for (int step = 0; step < expected.length; step++) {
      assertEquals(expected[step], s.apply(step), "step " + step);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(new long[] {3}, new float[] {1f}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(new long[] {3, 3}, new float[] {1f, 2f, 3f}));
  }

  @Test
  void cosineDecayWithoutWarmup() {
    CosineDecay s = CosineDecay.of(0.2f, 100).withAlpha(0.1f);
    for (long step : new long[] {0, 1, 50, 99, 100, 150}) {
      double c = 0.5 * (1 + Math.cos(Math.PI * Math.min(step, 100) / 100.0));
      assertEquals(0.2f * ((1 - 0.1f) * c + 0.1f), s.apply(step), 1e-8, "step " + step);
    }
  }

  @Test
  void cosineDecayWithWarmup() {
    CosineDecay s = CosineDecay.of(0f, 100).withWarmup(0.1f, 10);
    for (long step : new long[] {0, 1, 5, 9, 10, 11, 60, 110, 500}) {
      double expected;
      if (step < 10) {
        expected = 0.1f * step / 10.0;
      } else {
        double d = Math.min(step, 110) - 10;
        expected = 0.1f * 0.5 * (1 + Math.cos(Math.PI * d / 100.0));
      }
      assertEquals(expected, s.apply(step), 1e-8, "step " + step);
    }
  }
}
