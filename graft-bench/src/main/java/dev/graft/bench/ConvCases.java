package dev.graft.bench;

import dev.graft.tensor.kernels.Conv2dKernel;
import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.DepthwiseConv2dKernel;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Convolution cases: dense conv2d (forward, and forward plus both gradients), depthwise conv (in
 * GFLOP/s and, from the same timings, GB/s), and a two-thread array copy that estimates the memory
 * bandwidth the depthwise figure should be compared with.
 */
final class ConvCases {
  private static final double WARMUP_S = 1.0;
  private static final int RUNS = 5;

  private ConvCases() {}

  static List<BenchCase> all() {
    DepthwiseRun depthwise = new DepthwiseRun();
    return List.of(
        named("conv2d", () -> conv2d("conv2d", false)),
        named("conv2d-fwd-bwd", () -> conv2d("conv2d-fwd-bwd", true)),
        named("conv2d-first-layer", ConvCases::conv2dFirstLayer),
        named("depthwise", () -> depthwise.result("depthwise", "GFLOP/s", depthwise.flops())),
        named(
            "depthwise-bandwidth",
            () -> depthwise.result("depthwise-bandwidth", "GB/s", depthwise.bytes())),
        named("depthwise-bwd-input", () -> depthwiseBackward("depthwise-bwd-input", true)),
        named("depthwise-bwd-filter", () -> depthwiseBackward("depthwise-bwd-filter", false)),
        named("stream-copy", ConvCases::streamCopy));
  }

  private static BenchCase named(String name, Supplier<BenchResult> body) {
    return new BenchCase() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BenchResult run() {
        return body.get();
      }
    };
  }

  /** NHWC geometry, stride 1, "same" padding. */
  static ConvGeometry same(int batch, int h, int w, int c, int k, int outC) {
    ConvGeometry.Axis a = ConvGeometry.resolve(h, k, 1, 1, true);
    ConvGeometry.Axis b = ConvGeometry.resolve(w, k, 1, 1, true);
    return new ConvGeometry(
        batch, h, w, c, k, k, a.out(), b.out(), outC, 1, 1, 1, 1, a.padBefore(), b.padBefore());
  }

  static String shape(ConvGeometry g) {
    return String.format(
        "%dx%dx%dx%d k%dx%d ->%d", g.batch(), g.inH(), g.inW(), g.inC(), g.kH(), g.kW(), g.outC());
  }

  static float[] random(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() - 0.5f;
    }
    return a;
  }

  private static BenchResult conv2d(String name, boolean backward) {
    ConvGeometry g = same(32, 74, 74, 32, 3, 64);
    Conv2dKernel k = KernelProvider.get().conv2d();
    Random r = new Random(1);
    float[] x = random(r, g.inputSize());
    float[] w = random(r, 9 * g.inC() * g.outC());
    float[] y = new float[g.outputSize()];
    float[] dx = new float[g.inputSize()];
    float[] dw = new float[w.length];
    double flops = 2.0 * g.outputSize() * g.kH() * g.kW() * g.inC();
    Runnable body =
        () -> {
          k.forward(g, x, w, y);
          if (backward) {
            k.backwardInput(g, y, w, dx);
            k.backwardFilter(g, x, y, dw);
          }
        };
    double work = (backward ? 3 : 1) * flops * 1e-9;
    double[] rates = Timing.rates(body, work, WARMUP_S, RUNS);
    return BenchResult.of(name, shape(g), Parallel.threads(), "GFLOP/s", rates);
  }

  /** Xception's first layer: 32x150x150x3 -> 32, 3x3, stride 2, valid (K = 27). */
  private static BenchResult conv2dFirstLayer() {
    ConvGeometry.Axis a = ConvGeometry.resolve(150, 3, 2, 1, false);
    ConvGeometry g =
        new ConvGeometry(32, 150, 150, 3, 3, 3, a.out(), a.out(), 32, 2, 2, 1, 1, 0, 0);
    Conv2dKernel k = KernelProvider.get().conv2d();
    Random r = new Random(5);
    float[] x = random(r, g.inputSize());
    float[] w = random(r, 9 * g.inC() * g.outC());
    float[] y = new float[g.outputSize()];
    double flops = 2.0 * g.outputSize() * g.kH() * g.kW() * g.inC();
    double[] rates = Timing.rates(() -> k.forward(g, x, w, y), flops * 1e-9, WARMUP_S, RUNS);
    return BenchResult.of(
        "conv2d-first-layer", shape(g) + " s2 valid", Parallel.threads(), "GFLOP/s", rates);
  }

  /** One depthwise gradient on the forward case's shape, in forward-equivalent GFLOP/s. */
  private static BenchResult depthwiseBackward(String name, boolean input) {
    ConvGeometry g = same(32, 19, 19, 728, 3, 728);
    DepthwiseConv2dKernel k = KernelProvider.get().depthwise();
    Random r = new Random(4);
    float[] x = random(r, g.inputSize());
    float[] w = random(r, g.kH() * g.kW() * g.outC());
    float[] dy = random(r, g.outputSize());
    float[] dx = new float[g.inputSize()];
    float[] dw = new float[w.length];
    Runnable body =
        input ? () -> k.backwardInput(g, dy, w, dx) : () -> k.backwardFilter(g, x, dy, dw);
    double flops = 2.0 * g.outputSize() * g.kH() * g.kW();
    double[] rates = Timing.rates(body, flops * 1e-9, WARMUP_S, 3 * RUNS);
    return BenchResult.of(name, shape(g), Parallel.threads(), "GFLOP/s", rates);
  }

  /** Times the depthwise forward once; both of its result lines come from the same runs. */
  private static final class DepthwiseRun {
    final ConvGeometry g = same(32, 19, 19, 728, 3, 728);
    private double[] seconds;

    double flops() {
      return 2.0 * g.outputSize() * g.kH() * g.kW();
    }

    double bytes() {
      return 4.0 * (g.inputSize() + g.outputSize() + g.kH() * g.kW() * g.outC());
    }

    BenchResult result(String name, String unit, double workPerRun) {
      if (seconds == null) {
        DepthwiseConv2dKernel k = KernelProvider.get().depthwise();
        Random r = new Random(2);
        float[] x = random(r, g.inputSize());
        float[] w = random(r, g.kH() * g.kW() * g.outC());
        float[] y = new float[g.outputSize()];
        seconds = Timing.rates(() -> k.forward(g, x, w, y), 1.0, WARMUP_S, 3 * RUNS);
        for (int i = 0; i < seconds.length; i++) {
          seconds[i] = 1 / seconds[i];
        }
      }
      double[] rates = new double[seconds.length];
      for (int i = 0; i < rates.length; i++) {
        rates[i] = workPerRun * 1e-9 / seconds[i];
      }
      return BenchResult.of(name, shape(g), Parallel.threads(), unit, rates);
    }
  }

  /**
   * Copies 128 MB into another 128 MB array, split over the kernel threads; counts 256 MB moved
   * (read plus write, like the depthwise figure), a practical memory-bandwidth bound.
   */
  private static BenchResult streamCopy() {
    int n = 32 << 20;
    float[] src = random(new Random(3), n);
    float[] dst = new float[n];
    Runnable body =
        () -> Parallel.forRange(n, 1 << 20, (s, e) -> System.arraycopy(src, s, dst, s, e - s));
    double[] rates = Timing.rates(body, 8.0 * n * 1e-9, WARMUP_S, 3 * RUNS);
    return BenchResult.of("stream-copy", "2 x 128 MB float[]", Parallel.threads(), "GB/s", rates);
  }
}
