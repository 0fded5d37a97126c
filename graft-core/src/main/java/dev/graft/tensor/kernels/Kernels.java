package dev.graft.tensor.kernels;

/**
 * One consistent set of kernels. {@link KernelProvider#get()} picks the set once at start-up:
 * Vector-API kernels when {@code jdk.incubator.vector} is readable, the scalar set otherwise.
 */
public record Kernels(
    String name,
    Gemm gemm,
    Elementwise elementwise,
    Conv2dKernel conv2d,
    DepthwiseConv2dKernel depthwise,
    Pool2dKernel pool) {

  /** The plain-Java reference kernels. */
  public static Kernels scalar() {
    Gemm gemm = new ScalarGemm();
    return new Kernels(
        "scalar",
        gemm,
        new ScalarElementwise(),
        new Im2colConv2d(gemm),
        new ScalarDepthwiseConv2d(),
        new ScalarPool2d());
  }
}
