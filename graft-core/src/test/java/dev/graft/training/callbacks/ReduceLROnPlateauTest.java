package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.optimizers.Sgd;
import dev.graft.optimizers.schedules.ExponentialDecay;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReduceLROnPlateauTest {

  /** The learning rate after each epoch, and the logged one, for these monitored values. */
  private static float[][] run(ReduceLROnPlateau r, Sgd opt, String key, double... values) {
    FakeContext ctx = new FakeContext(opt);
    r.setContext(ctx);
    r.onTrainBegin(Map.of());
    float[] after = new float[values.length];
    float[] logged = new float[values.length];
    for (int epoch = 0; epoch < values.length; epoch++) {
      Map<String, Double> logs = new HashMap<>();
      logs.put(key, values[epoch]);
      r.onEpochEnd(epoch, logs);
      after[epoch] = opt.learningRate();
      logged[epoch] = (float) (double) logs.get("learning_rate");
    }
    return new float[][] {after, logged};
  }

  @Test
  void reducesAfterPatienceWithCooldownAndFloor() {
    ReduceLROnPlateau r =
        ReduceLROnPlateau.builder()
            .monitor("val_loss")
            .factor(0.5)
            .patience(2)
            .cooldown(1)
            .minLr(0.2)
            .minDelta(0)
            .build();
    Sgd opt = new Sgd(1f);
    float[][] lrs = run(r, opt, "val_loss", 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5);
    // By hand: best 1 at epoch 0; epochs 1-2 wait 1, 2 -> halve; epoch 3 ends the cooldown (wait 0,
    // then 1); epoch 4 -> halve; epoch 5 wait 1; epoch 6 -> max(0.125, 0.2) = 0.2; epoch 7
    // improves; epochs 8-9 wait 1, 2, but the rate is at the floor: no change.
    assertArrayEquals(
        new float[] {1f, 1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.2f, 0.2f, 0.2f, 0.2f}, lrs[0]);
    // The logs hold the rate the epoch trained with, before any reduction.
    assertArrayEquals(new float[] {1f, 1f, 1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.2f, 0.2f, 0.2f}, lrs[1]);
  }

  @Test
  void defaultMinDeltaAndCooldownZero() {
    ReduceLROnPlateau r = ReduceLROnPlateau.builder().monitor("loss").patience(1).build();
    Sgd opt = new Sgd(0.1f);
    // 0.99995 is not below 1 - 1e-4, so it is no improvement.
    float[][] lrs = run(r, opt, "loss", 1, 0.99995, 0.5, 0.6);
    assertEquals(0.1f, lrs[0][0]);
    assertEquals((float) (0.1f * 0.1), lrs[0][1]);
    assertEquals((float) (0.1f * 0.1), lrs[0][2]);
    assertEquals((float) ((float) (0.1f * 0.1) * 0.1), lrs[0][3]);
  }

  @Test
  void autoModeMaximizesAccuracy() {
    ReduceLROnPlateau r =
        ReduceLROnPlateau.builder().monitor("val_accuracy").patience(1).factor(0.5).build();
    Sgd opt = new Sgd(1f);
    float[][] lrs = run(r, opt, "val_accuracy", 0.5, 0.6, 0.7, 0.65);
    assertArrayEquals(new float[] {1f, 1f, 1f, 0.5f}, lrs[0]);
  }

  @Test
  void rejectsAFactorOfOneOrMore() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReduceLROnPlateau.builder().factor(1).build());
    assertTrue(e.getMessage().contains("factor=1.0"), e.getMessage());
  }

  @Test
  void aScheduledLearningRateCannotBeReduced() {
    Sgd opt = Sgd.builder().learningRate(new ExponentialDecay(0.1f, 10, 0.9f, false)).build();
    ReduceLROnPlateau r = ReduceLROnPlateau.builder().monitor("loss").patience(0).build();
    r.setContext(new FakeContext(opt));
    r.onTrainBegin(Map.of());
    r.onEpochEnd(0, new HashMap<>(Map.of("loss", 1.0)));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> r.onEpochEnd(1, new HashMap<>(Map.of("loss", 2.0))));
    assertTrue(e.getMessage().contains("ExponentialDecay"), e.getMessage());
    assertTrue(e.getMessage().contains("not settable"), e.getMessage());
  }
}
