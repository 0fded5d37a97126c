package dev.graft.bench;

import java.util.ArrayList;
import java.util.List;

/** The {@code kernels} suite: GEMM, conv2d, depthwise conv2d cases. */
final class KernelCases {
  private KernelCases() {}

  static List<BenchCase> all() {
    List<BenchCase> cases = new ArrayList<>();
    cases.addAll(GemmCases.all());
    cases.addAll(ConvCases.all());
    return cases;
  }
}
