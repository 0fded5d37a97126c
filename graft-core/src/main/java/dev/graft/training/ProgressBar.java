package dev.graft.training;

import dev.graft.training.callbacks.Callback;
import dev.graft.training.callbacks.TrainingContext;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The progress output of {@code fit}, in Keras 3's format (its {@code ProgbarLogger} and {@code
 * Progbar}): {@code Epoch 3/20} when there are several epochs, then a bar of width 20.
 *
 * <pre>
 * Epoch 3/20
 *  58/291 ━━━━━━━━━━━━━━━━━━━━ 1:12 40ms/step - loss: 0.4123 - binary_accuracy: 0.8120
 * 291/291 ━━━━━━━━━━━━━━━━━━━━ 12s 40ms/step - loss: 0.4018 - binary_accuracy: 0.8213 - val_loss: 0.3811
 * </pre>
 *
 * <ul>
 *   <li>verbose 1 on a terminal: the line is redrawn in place with {@code \r} after each batch (at
 *       most every 50 ms), with Keras's colours (bold counts and times; the done part of the bar
 *       green, the rest white); mid-epoch it shows the time left, at the end the epoch's time and
 *       the validation metrics.
 *   <li>verbose 1 elsewhere (CI logs, files): only the final line of each epoch, without colour
 *       codes.
 *   <li>verbose 2: Keras's one line per epoch, {@code 291/291 - 12s - 40ms/step - loss: ...}.
 * </ul>
 *
 * The time per step leaves out the first step (which includes warm-up) once there are more. Values
 * print with four decimals, or in exponent form at or below 1e-3. Unlike Keras, which averages the
 * logged values once more over the steps, the bar shows the running values the metrics report.
 */
public final class ProgressBar implements Callback {
  private static final int WIDTH = 20;
  private static final long INTERVAL_NANOS = 50_000_000L;
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";
  private static final String GREEN = "\u001b[32m";
  private static final String WHITE = "\u001b[37m";

  private final PrintStream out;
  private final int verbose;
  private final boolean terminal;
  private final LongSupplier clock;
  private TrainingContext context;

  private long start;
  private long lastUpdate;
  private long afterFirstStep = -1;
  private int prevWidth;
  private int seen;
  private boolean printedOnce;

  /**
   * @param out where to print
   * @param verbose 0 (silent), 1 (bar) or 2 (a line per epoch)
   * @param terminal whether {@code out} is a terminal, where the bar redraws in place
   * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake one in tests)
   */
  public ProgressBar(PrintStream out, int verbose, boolean terminal, LongSupplier nanoClock) {
    this.out = out;
    this.verbose = verbose;
    this.terminal = terminal;
    this.clock = nanoClock;
  }

  @Override
  public void setContext(TrainingContext context) {
    this.context = context;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    start = clock.getAsLong();
    printedOnce = false;
    afterFirstStep = -1;
    prevWidth = 0;
    seen = 0;
    if (verbose != 0 && context != null && context.epochs() > 1) {
      out.println("Epoch " + (epoch + 1) + "/" + context.epochs());
      out.flush();
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    seen = batch + 1;
    if (verbose == 1 && terminal) {
      update(seen, logs, false);
    } else {
      stepDuration(seen, clock.getAsLong());
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    int target = context != null && context.stepsPerEpoch() > 0 ? context.stepsPerEpoch() : seen;
    update(target, logs, true);
  }

  private int target() {
    return context == null ? -1 : context.stepsPerEpoch();
  }

  private void update(int current, Map<String, Double> values, boolean finalize) {
    long now = clock.getAsLong();
    double perStep = stepDuration(current, now);
    if (verbose == 1) {
      if (!finalize && printedOnce && now - lastUpdate < INTERVAL_NANOS) {
        return;
      }
      printedOnce = true;
      lastUpdate = now;
      int target = finalize ? current : target();
      boolean ansi = terminal;
      StringBuilder line = new StringBuilder();
      int visible;
      if (target > 0) {
        String count = count(current, target);
        int done = (int) (WIDTH * ((double) current / target));
        line.append(style(ansi, BOLD, count)).append(' ');
        if (done > 0) {
          line.append(style(ansi, GREEN, "━".repeat(done)));
        }
        line.append(style(ansi, WHITE, "━".repeat(WIDTH - done)));
        visible = count.length() + 1 + WIDTH;
      } else {
        String count = String.format(Locale.ROOT, "%7d/Unknown", current);
        line.append(count);
        visible = count.length();
      }
      String time;
      if (target > 0 && !finalize) {
        time = eta(perStep * (target - current));
      } else {
        time = wholeSeconds((now - start) / 1e9) + "s";
      }
      String info = " " + style(ansi, BOLD, time) + perStepText(perStep) + metrics(values, true);
      visible += info.length() - (ansi ? BOLD.length() + RESET.length() : 0);
      line.append(info);
      if (terminal) {
        line.insert(0, '\r');
        if (prevWidth > visible) {
          line.append(" ".repeat(prevWidth - visible));
        }
        prevWidth = visible;
        if (finalize) {
          line.append(System.lineSeparator());
        }
        out.print(line);
      } else if (finalize) {
        out.println(line);
      }
      out.flush();
    } else if (verbose == 2 && finalize && current > 0) {
      out.println(
          count(current, current)
              + " - "
              + wholeSeconds((now - start) / 1e9)
              + "s -"
              + perStepText(perStep)
              + metrics(values, false));
      out.flush();
    }
  }

  private static String style(boolean ansi, String code, String text) {
    return ansi ? code + text + RESET : text;
  }

  private static String count(int current, int target) {
    int digits = (int) Math.log10(target) + 1;
    return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
  }

  /** Keras's estimate: after the first step, the mean over the later steps. */
  private double stepDuration(int current, long now) {
    if (current == 0) {
      return 0;
    }
    double perStep;
    if (afterFirstStep >= 0 && current > 1) {
      perStep = (now - afterFirstStep) / 1e9 / (current - 1);
    } else {
      perStep = (now - start) / 1e9 / current;
    }
    if (current == 1) {
      afterFirstStep = now;
    }
    return perStep;
  }

  static String eta(double seconds) {
    long s = (long) seconds;
    if (seconds > 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    } else if (seconds > 60) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return s + "s";
  }

  /** Python's {@code f"{x:.0f}"}: rounds half to even. */
  private static String wholeSeconds(double seconds) {
    return Long.toString((long) Math.rint(seconds));
  }

  static String perStepText(double perStep) {
    if (perStep >= 1 || perStep == 0) {
      return " " + wholeSeconds(perStep) + "s/step";
    } else if (perStep >= 1e-3) {
      return " " + wholeSeconds(perStep * 1e3) + "ms/step";
    }
    return " " + wholeSeconds(perStep * 1e6) + "us/step";
  }

  /** {@code " - name: value"} for each entry; Keras's verbose-2 line tests the sign as well. */
  private static String metrics(Map<String, Double> values, boolean useAbs) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      sb.append(" - ").append(e.getKey()).append(": ").append(number(v, useAbs ? Math.abs(v) : v));
    }
    return sb.toString();
  }

  static String number(double v, double test) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, test > 1e-3 ? "%.4f" : "%.4e", v);
  }
}
