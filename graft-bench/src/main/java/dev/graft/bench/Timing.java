package dev.graft.bench;

/** Warm-up then timed repetitions of a body; returns the rate of each timed run. */
public final class Timing {
  private Timing() {}

  /**
   * Runs {@code body} for at least {@code warmupSeconds}, then {@code runs} timed times, and
   * returns {@code workPerRun / seconds} for each timed run.
   */
  public static double[] rates(Runnable body, double workPerRun, double warmupSeconds, int runs) {
    long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      body.run();
    } while (System.nanoTime() < warmEnd);
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      body.run();
      rates[r] = workPerRun / ((System.nanoTime() - t0) * 1e-9);
    }
    return rates;
  }
}
