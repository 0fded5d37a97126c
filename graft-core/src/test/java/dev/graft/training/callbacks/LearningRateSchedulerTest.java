package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.optimizers.Sgd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {

  @Test
  void setsTheRateAtEachEpochBeginAndLogsIt() {
    Sgd opt = new Sgd(0.1f);
    List<Integer> epochsSeen = new ArrayList<>();
    LearningRateScheduler s =
        new LearningRateScheduler(
            (epoch, lr) -> {
              epochsSeen.add(epoch);
              return epoch < 2 ? lr : lr * 0.5;
            });
    s.setContext(new FakeContext(opt));
    float[] expected = {0.1f, 0.1f, 0.05f, 0.025f};
    for (int epoch = 0; epoch < 4; epoch++) {
      s.onEpochBegin(epoch, Map.of());
      assertEquals(expected[epoch], opt.learningRate(), 1e-9f, "epoch " + epoch);
      Map<String, Double> logs = new HashMap<>(Map.of("loss", 1.0));
      s.onEpochEnd(epoch, logs);
      assertEquals(expected[epoch], logs.get("learning_rate"), 1e-9);
    }
    assertEquals(List.of(0, 1, 2, 3), epochsSeen);
  }

  @Test
  void theScheduleSeesTheCurrentRate() {
    Sgd opt = new Sgd(0.5f);
    double[] seen = new double[1];
    LearningRateScheduler s =
        new LearningRateScheduler(
            (epoch, lr) -> {
              seen[0] = lr;
              return 0.125;
            });
    s.setContext(new FakeContext(opt));
    s.onEpochBegin(0, Map.of());
    assertEquals(0.5, seen[0]);
    assertEquals(0.125f, opt.learningRate());
  }

  @Test
  void aNonFiniteRateIsAnError() {
    LearningRateScheduler s = new LearningRateScheduler((epoch, lr) -> Double.NaN);
    s.setContext(new FakeContext(new Sgd(0.1f)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.onEpochBegin(3, Map.of()));
    assertTrue(e.getMessage().contains("epoch 3"), e.getMessage());
  }

  @Test
  void aNegativeRateIsRefusedByTheOptimizer() {
    LearningRateScheduler s = new LearningRateScheduler((epoch, lr) -> -1);
    s.setContext(new FakeContext(new Sgd(0.1f)));
    assertThrows(IllegalArgumentException.class, () -> s.onEpochBegin(0, Map.of()));
  }

  @Test
  void needsAnOptimizer() {
    LearningRateScheduler s = new LearningRateScheduler((epoch, lr) -> lr);
    s.setContext(new FakeContext());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> s.onEpochBegin(0, Map.of()));
    assertTrue(e.getMessage().contains("compiled"), e.getMessage());
  }
}
