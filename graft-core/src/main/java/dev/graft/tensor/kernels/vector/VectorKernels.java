package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.Kernels;

/**
 * The Vector-API kernel set. Only {@link dev.graft.tensor.kernels.KernelProvider} touches this
 * package, and only after checking that {@code jdk.incubator.vector} is readable.
 */
public final class VectorKernels {
  private VectorKernels() {}

  /** A new Vector-API kernel set. */
  public static Kernels create() {
    Gemm gemm = new VectorGemm();
    return new Kernels(
        "vector",
        gemm,
        new VectorElementwise(),
        new VectorConv2d(gemm),
        new VectorDepthwiseConv2d(),
        new VectorPool2d());
  }
}
