package dev.graft.bench;

import java.util.List;

/** GEMM benchmark cases (placeholder until the GEMM kernel lands). */
final class GemmCases {
  private GemmCases() {}

  static List<BenchCase> all() {
    return List.of();
  }
}
