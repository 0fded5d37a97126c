package dev.graft.bench;

import java.util.Arrays;
import java.util.Locale;

/** The figures of one case: median, min and max over the measured runs. */
public record BenchResult(
    String name,
    String shape,
    int threads,
    String unit,
    double median,
    double min,
    double max,
    int runs) {

  /** Summarises per-run rates (higher is better). */
  public static BenchResult of(
      String name, String shape, int threads, String unit, double[] rates) {
    double[] s = rates.clone();
    Arrays.sort(s);
    double median =
        s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return new BenchResult(name, shape, threads, unit, median, s[0], s[s.length - 1], s.length);
  }

  /** One JSON object on one line. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"case\":\"%s\",\"shape\":\"%s\",\"threads\":%d,\"unit\":\"%s\",\"median\":%.2f,\"min\":%.2f,\"max\":%.2f,\"runs\":%d}",
        name,
        shape,
        threads,
        unit,
        median,
        min,
        max,
        runs);
  }
}
