package dev.graft.cli.demo;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of the demo, each prefixed with the seconds since the demo started. */
final class StepLog {
  private final PrintStream out;
  private final long start = System.nanoTime();

  StepLog(PrintStream out) {
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  /** Seconds since this log was made. */
  double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Prints {@code [ 12.3s] message}, the message formatted as {@link String#format}. */
  void line(String format, Object... args) {
    out.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsed(), String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
