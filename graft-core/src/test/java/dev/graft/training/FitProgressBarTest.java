package dev.graft.training;

import static dev.graft.training.TrainingFixtures.blobs;
import static dev.graft.training.TrainingFixtures.classifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.losses.BinaryCrossentropy;
import dev.graft.models.Model;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Optimizer;
import dev.graft.optimizers.Sgd;
import dev.graft.tensor.Tensor;
import dev.graft.training.callbacks.TrainingContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Keras 3 progress format, driven by a fake clock so no test depends on real time. */
class FitProgressBarTest {
  private static final String BAR = "━".repeat(20);
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
  private long now;

  private static TrainingContext context(int epochs, int steps) {
    return new TrainingContext() {
      @Override
      public Model model() {
        return null;
      }

      @Override
      public Optimizer optimizer() {
        return null;
      }

      @Override
      public int epochs() {
        return epochs;
      }

      @Override
      public int stepsPerEpoch() {
        return steps;
      }

      @Override
      public void stopTraining() {}

      @Override
      public boolean isStopRequested() {
        return false;
      }
    };
  }

  private static Map<String, Double> logs(double loss, double acc) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.put("binary_accuracy", acc);
    return m;
  }

  /**
   * Epoch 3 of 20 with 291 steps: the first step takes {@code first} s, the others {@code step}.
   */
  private String runEpoch(ProgressBar bar, long firstNanos, long stepNanos) {
    bar.setContext(context(20, 291));
    now = 0;
    bar.onEpochBegin(2, Map.of());
    for (int b = 0; b < 291; b++) {
      now += b == 0 ? firstNanos : stepNanos;
      bar.onTrainBatchEnd(b, logs(b == 57 ? 0.4123 : 0.5, b == 57 ? 0.812 : 0.7));
    }
    Map<String, Double> end = logs(0.4018, 0.8213);
    end.put("val_loss", 0.3811);
    end.put("val_binary_accuracy", 0.84);
    bar.onEpochEnd(2, end);
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void notATerminalPrintsOneLinePerEpoch() {
    String text = runEpoch(new ProgressBar(out, 1, false, () -> now), 400_000_000L, 40_000_000L);
    assertEquals(
        List.of(
            "Epoch 3/20",
            "291/291 "
                + BAR
                + " 12s 40ms/step - loss: 0.4018 - binary_accuracy: 0.8213 - val_loss: 0.3811"
                + " - val_binary_accuracy: 0.8400"),
        text.lines().toList());
  }

  @Test
  void aTerminalRedrawsTheLineInPlaceWithTheTimeLeft() {
    String text = runEpoch(new ProgressBar(out, 1, true, () -> now), 500_000_000L, 300_000_000L);
    String bold = "\u001b[1m";
    String reset = "\u001b[0m";
    // After 58 of 291 steps at 0.3 s each: 233 steps left, 69.9 s: "1:09".
    String step58 =
        "\r"
            + bold
            + " 58/291"
            + reset
            + " \u001b[32m━━━"
            + reset
            + "\u001b[37m"
            + "━".repeat(17)
            + reset
            + " "
            + bold
            + "1:09"
            + reset
            + " 300ms/step - loss: 0.4123 - binary_accuracy: 0.8120";
    assertTrue(text.startsWith("Epoch 3/20" + System.lineSeparator() + "\r"), text);
    assertTrue(text.contains(step58), text);
    // The last step and the final line: elapsed 0.5 + 290 * 0.3 = 87.5 s, printed as 88s.
    assertTrue(
        text.endsWith(
            bold
                + "88s"
                + reset
                + " 300ms/step - loss: 0.4018 - binary_accuracy: 0.8213 - val_loss: 0.3811"
                + " - val_binary_accuracy: 0.8400"
                + System.lineSeparator()),
        text);
    assertEquals(2, text.chars().filter(c -> c == '\n').count(), "the header and one redrawn line");
  }

  @Test
  void verboseTwoPrintsKerasSummaryLine() {
    String text = runEpoch(new ProgressBar(out, 2, true, () -> now), 400_000_000L, 40_000_000L);
    assertEquals(
        List.of(
            "Epoch 3/20",
            "291/291 - 12s - 40ms/step - loss: 0.4018 - binary_accuracy: 0.8213 - val_loss: 0.3811"
                + " - val_binary_accuracy: 0.8400"),
        text.lines().toList());
  }

  @Test
  void formatsFollowKeras() {
    assertEquals("5.0000e-04", ProgressBar.number(5e-4, 5e-4));
    assertEquals("0.0020", ProgressBar.number(0.002, 0.002));
    assertEquals("nan", ProgressBar.number(Double.NaN, Double.NaN));
    assertEquals("59s", ProgressBar.eta(59.9));
    assertEquals("1:12", ProgressBar.eta(72.4));
    assertEquals("1:00:05", ProgressBar.eta(3605));
    assertEquals(" 2s/step", ProgressBar.perStepText(2.4));
    assertEquals(" 40ms/step", ProgressBar.perStepText(0.04));
    assertEquals(" 250us/step", ProgressBar.perStepText(0.00025));
  }

  @Test
  void fitPrintsTheEpochLinesToTheGivenStream() {
    Tensor[] d = blobs(20, 1);
    Sequential model = classifier();
    model.compile(new Sgd(0.1f), new BinaryCrossentropy(), new TestAccuracy());
    long[] fake = {0};
    model.fit(
        d[0],
        d[1],
        FitOptions.defaults()
            .epochs(2)
            .batchSize(8)
            .validationSplit(0.2)
            .output(out)
            .terminal(false)
            .clock(() -> fake[0] += 10_000_000L));
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("Epoch 1/2", lines.get(0));
    assertEquals("Epoch 2/2", lines.get(2));
    String pattern =
        "2/2 "
            + BAR
            + " \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - binary_accuracy: \\d\\.\\d{4}"
            + " - val_loss: \\d\\.\\d{4} - val_binary_accuracy: \\d\\.\\d{4}";
    assertTrue(lines.get(1).matches(pattern), lines.get(1));
    assertTrue(lines.get(3).matches(pattern), lines.get(3));

    buf.reset();
    model.fit(d[0], d[1], FitOptions.defaults().output(out).terminal(false));
    List<String> single = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, single.size(), "no Epoch line for a single epoch (Keras 3): " + single);
    assertTrue(single.get(0).startsWith("1/1 " + BAR + " "), single.get(0));

    buf.reset();
    model.fit(d[0], d[1], FitOptions.defaults().output(out).verbose(0));
    assertEquals("", buf.toString(StandardCharsets.UTF_8));
  }
}
