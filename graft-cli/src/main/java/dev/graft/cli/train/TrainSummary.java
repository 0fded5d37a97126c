package dev.graft.cli.train;

import java.util.Locale;

/** The table {@code graft train} ends with: accuracy after each phase and the time it took. */
final class TrainSummary {
  private TrainSummary() {}

  static String table(TrainState s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-20s %6s %10s %10s %9s%n",
            "phase",
            "epochs",
            "train acc",
            "val acc",
            "seconds"));
    int p1 = s.phase1Epochs();
    int all = s.epochsDone();
    row(b, "feature extraction", p1, s, p1, s.phase1Seconds());
    if (all > p1) {
      row(b, "fine-tuning", all - p1, s, all, s.phase2Seconds());
    }
    return b.toString();
  }

  private static void row(
      StringBuilder b, String name, int epochs, TrainState s, int end, double sec) {
    b.append(
        String.format(
            Locale.ROOT,
            "%-20s %6d %10.4f %10.4f %9.1f%n",
            name,
            epochs,
            TrainRun.last(s.epochLogs(), end, "accuracy"),
            TrainRun.last(s.epochLogs(), end, "val_accuracy"),
            sec));
  }
}
