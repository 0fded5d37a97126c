package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {

  @Test
  void finiteOrMissingLossesKeepTraining() {
    FakeContext ctx = new FakeContext();
    TerminateOnNaN t = new TerminateOnNaN();
    t.setContext(ctx);
    t.onTrainBatchEnd(0, Map.of("loss", 0.5));
    t.onTrainBatchEnd(1, Map.of("accuracy", Double.NaN));
    t.onTrainBatchEnd(2, null);
    assertFalse(ctx.isStopRequested());
  }

  @Test
  void stopsOnNaN() {
    FakeContext ctx = new FakeContext();
    TerminateOnNaN t = new TerminateOnNaN();
    t.setContext(ctx);
    t.onTrainBatchEnd(7, Map.of("loss", Double.NaN));
    assertTrue(ctx.isStopRequested());
  }

  @Test
  void stopsOnInfinity() {
    for (double inf : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      FakeContext ctx = new FakeContext();
      TerminateOnNaN t = new TerminateOnNaN();
      t.setContext(ctx);
      t.onTrainBatchEnd(0, Map.of("loss", inf));
      assertTrue(ctx.isStopRequested());
    }
  }

  @Test
  void raiseErrorThrowsInstead() {
    FakeContext ctx = new FakeContext();
    TerminateOnNaN t = new TerminateOnNaN(true);
    t.setContext(ctx);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> t.onTrainBatchEnd(4, Map.of("loss", Double.NaN)));
    assertTrue(e.getMessage().contains("batch 4"), e.getMessage());
    assertFalse(ctx.isStopRequested());
  }
}
