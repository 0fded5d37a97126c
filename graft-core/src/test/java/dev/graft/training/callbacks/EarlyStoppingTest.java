package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  /** Drives epochs with the given monitored values; returns the epoch that stopped, or -1. */
  private static int run(EarlyStopping es, FakeContext ctx, String key, double... values) {
    es.setContext(ctx);
    es.onTrainBegin(Map.of());
    int stopped = -1;
    for (int epoch = 0; epoch < values.length; epoch++) {
      es.onEpochBegin(epoch, Map.of());
      FakeContext.fill(ctx.model(), epoch + 1); // "training" changes the weights every epoch
      Map<String, Double> logs = new HashMap<>();
      logs.put(key, values[epoch]);
      es.onEpochEnd(epoch, logs);
      if (ctx.isStopRequested()) {
        stopped = epoch;
        break;
      }
    }
    es.onTrainEnd(Map.of());
    return stopped;
  }

  @Test
  void stopsAfterPatienceEpochsWithoutImprovement() {
    EarlyStopping es = EarlyStopping.builder().monitor("loss").patience(2).build();
    int stopped = run(es, new FakeContext(), "loss", 1.0, 0.9, 0.95, 0.92, 0.8);
    assertEquals(3, stopped);
    assertEquals(3, es.stoppedEpoch());
    assertEquals(0.9, es.best());
    assertEquals(1, es.bestEpoch());
  }

  @Test
  void patienceZeroStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochZero() {
    EarlyStopping es = EarlyStopping.builder().monitor("loss").build();
    assertEquals(2, run(es, new FakeContext(), "loss", 1.0, 0.5, 0.6));
    // A missing value (NaN is never an improvement) at epoch 0 does not stop: epoch > 0 is needed.
    EarlyStopping first = EarlyStopping.builder().monitor("loss").build();
    assertEquals(1, run(first, new FakeContext(), "loss", Double.NaN, Double.NaN));
  }

  @Test
  void minDeltaDemandsALargerChange() {
    EarlyStopping es = EarlyStopping.builder().monitor("loss").minDelta(-0.1).patience(1).build();
    // 0.95 is lower, but not by more than |minDelta| = 0.1.
    assertEquals(1, run(es, new FakeContext(), "loss", 1.0, 0.95));
    assertEquals(1.0, es.best());
    EarlyStopping bigStep =
        EarlyStopping.builder().monitor("loss").minDelta(0.1).patience(1).build();
    assertEquals(-1, run(bigStep, new FakeContext(), "loss", 1.0, 0.85, 0.7));
    assertEquals(0.7, bigStep.best(), 1e-12);
  }

  @Test
  void autoModeMaximizesAccuracyAndMinimizesLosses() {
    EarlyStopping acc = EarlyStopping.builder().monitor("val_binary_accuracy").patience(1).build();
    assertEquals(2, run(acc, new FakeContext(), "val_binary_accuracy", 0.5, 0.6, 0.55));
    assertEquals(0.6, acc.best());
    EarlyStopping auc = EarlyStopping.builder().monitor("auc").patience(1).build();
    assertEquals(-1, run(auc, new FakeContext(), "auc", 0.5, 0.6, 0.7));
    EarlyStopping loss = EarlyStopping.builder().patience(1).build(); // val_loss
    assertEquals(1, run(loss, new FakeContext(), "val_loss", 0.5, 0.6));
  }

  @Test
  void explicitModeOverridesTheName() {
    EarlyStopping es =
        EarlyStopping.builder().monitor("accuracy").mode(MonitorMode.MIN).patience(1).build();
    assertEquals(1, run(es, new FakeContext(), "accuracy", 0.5, 0.6));
    EarlyStopping max =
        EarlyStopping.builder().monitor("my_score").mode(MonitorMode.MAX).patience(1).build();
    assertEquals(-1, run(max, new FakeContext(), "my_score", 1, 2, 3));
  }

  @Test
  void autoModeRefusesANameWithoutADirection() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EarlyStopping.builder().monitor("my_score").build());
    assertTrue(e.getMessage().contains("monitor=my_score"), e.getMessage());
    assertTrue(e.getMessage().contains("MAX"), e.getMessage());
  }

  @Test
  void baselineMustBeBeatenToResetTheWait() {
    // Improving, but never below the baseline 0.5: the wait keeps growing and stops training at
    // the first epoch that does not improve.
    EarlyStopping es = EarlyStopping.builder().monitor("loss").patience(2).baseline(0.5).build();
    assertEquals(2, run(es, new FakeContext(), "loss", 0.9, 0.8, 0.85));
    EarlyStopping none = EarlyStopping.builder().monitor("loss").patience(2).build();
    assertEquals(-1, run(none, new FakeContext(), "loss", 0.9, 0.8, 0.85));
    // Beating the baseline resets the wait.
    EarlyStopping beaten =
        EarlyStopping.builder().monitor("loss").patience(2).baseline(0.5).build();
    assertEquals(-1, run(beaten, new FakeContext(), "loss", 0.9, 0.4, 0.45));
  }

  @Test
  void restoresTheBestEpochsWeightsAfterStopping() {
    FakeContext ctx = new FakeContext();
    EarlyStopping es =
        EarlyStopping.builder().monitor("loss").patience(2).restoreBestWeights(true).build();
    assertEquals(3, run(es, ctx, "loss", 1.0, 0.5, 0.7, 0.8));
    // Epoch 1 (weights filled with 2) had the lowest loss.
    assertEquals(2f, FakeContext.filledValue(ctx.model()));
  }

  @Test
  void restoresTheBestWeightsAlsoWhenTrainingRunsToTheEnd() {
    FakeContext ctx = new FakeContext();
    EarlyStopping es =
        EarlyStopping.builder().monitor("loss").patience(10).restoreBestWeights(true).build();
    assertEquals(-1, run(es, ctx, "loss", 1.0, 0.3, 0.7, 0.8));
    assertEquals(0, es.stoppedEpoch());
    assertEquals(2f, FakeContext.filledValue(ctx.model()));
  }

  @Test
  void withoutRestoreTheLastWeightsStay() {
    FakeContext ctx = new FakeContext();
    EarlyStopping es = EarlyStopping.builder().monitor("loss").patience(2).build();
    assertEquals(3, run(es, ctx, "loss", 1.0, 0.5, 0.7, 0.8));
    assertEquals(4f, FakeContext.filledValue(ctx.model()));
  }

  @Test
  void startFromEpochIgnoresTheWarmUp() {
    FakeContext ctx = new FakeContext();
    EarlyStopping es =
        EarlyStopping.builder()
            .monitor("loss")
            .patience(1)
            .startFromEpoch(2)
            .restoreBestWeights(true)
            .build();
    // Epochs 0 and 1 are not monitored, so their low losses neither count nor get restored.
    assertEquals(3, run(es, ctx, "loss", 0.1, 0.1, 0.5, 0.6));
    assertEquals(2, es.bestEpoch());
    assertEquals(3f, FakeContext.filledValue(ctx.model()));
  }

  @Test
  void aMissingMonitoredValueIsIgnored() {
    FakeContext ctx = new FakeContext();
    EarlyStopping es = EarlyStopping.builder().patience(0).restoreBestWeights(true).build();
    assertEquals(-1, run(es, ctx, "loss", 1.0, 2.0, 3.0)); // monitors val_loss
    assertEquals(3f, FakeContext.filledValue(ctx.model()));
  }

  @Test
  void onTrainBeginResetsForReuse() {
    EarlyStopping es = EarlyStopping.builder().monitor("loss").patience(1).build();
    assertEquals(1, run(es, new FakeContext(), "loss", 0.1, 0.2));
    FakeContext second = new FakeContext();
    assertEquals(-1, run(es, second, "loss", 5.0, 4.0, 3.0));
    assertFalse(second.isStopRequested());
    assertEquals(0, es.stoppedEpoch());
  }
}
