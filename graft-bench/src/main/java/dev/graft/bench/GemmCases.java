package dev.graft.bench;

import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GEMM cases, {@code C = A·B} with row-major operands, in GFLOP/s ({@code 2·M·N·K} flops per run).
 * Shapes are labelled {@code M x K x N}: square products, two Xception 1x1 convolutions and a
 * classifier head.
 */
final class GemmCases {
  private static final int[][] SHAPES = {
    {1024, 1024, 1024}, {2048, 2048, 2048}, {2592, 728, 728}, {11552, 728, 728}, {32, 2048, 1},
  };
  private static final int RUNS = 9;
  private static final double WARMUP_SECONDS = 2.0;

  private GemmCases() {}

  static List<BenchCase> all() {
    List<BenchCase> cases = new ArrayList<>();
    for (int[] s : SHAPES) {
      cases.add(new Case(s[0], s[1], s[2]));
    }
    return cases;
  }

  private record Case(int m, int k, int n) implements BenchCase {
    @Override
    public String name() {
      return "gemm";
    }

    @Override
    public BenchResult run() {
      Gemm gemm = KernelProvider.get().gemm();
      Random rnd = new Random(42);
      float[] a = random(rnd, m * k);
      float[] b = random(rnd, k * n);
      float[] c = new float[m * n];
      // Also warm up a ragged shape, so the timed runs meet no path the JIT has not seen.
      float[] w = random(rnd, 37 * 53);
      float[] wc = new float[37 * 37];
      gemm.gemm(37, 37, 53, w, 0, 53, 1, w, 0, 37, 1, wc, 0, 37, true);
      double flops = 2.0 * m * n * k;
      // Tiny products run in microseconds: repeat them so each timed run is long enough to clock.
      int reps = (int) Math.max(1, 2e8 / flops);
      Runnable body =
          () -> {
            for (int r = 0; r < reps; r++) {
              gemm.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, false);
            }
          };
      double[] rates = Timing.rates(body, flops * reps / 1e9, WARMUP_SECONDS, RUNS);
      String shape = m + "x" + k + "x" + n;
      return BenchResult.of(name(), shape, Parallel.threads(), "GFLOP/s", rates);
    }

    private static float[] random(Random rnd, int size) {
      float[] x = new float[size];
      for (int i = 0; i < size; i++) {
        x[i] = rnd.nextFloat() - 0.5f;
      }
      return x;
    }
  }
}
