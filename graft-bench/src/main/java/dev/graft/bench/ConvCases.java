package dev.graft.bench;

import java.util.List;

/** Convolution benchmark cases (placeholder until the conv kernels land). */
final class ConvCases {
  private ConvCases() {}

  static List<BenchCase> all() {
    return List.of();
  }
}
