package dev.graft.bench;

import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;

/**
 * Benchmark entry point: {@code java --add-modules jdk.incubator.vector -jar graft-bench.jar SUITE
 * [filter]}, SUITE {@code kernels} (GEMM and convolutions), {@code data} (the JPEG input pipeline,
 * {@link DataCases}), {@code xception} or {@code train} (a small CNN's training step, {@link
 * SmallCnnCases}). Prints one JSON object per case and line; a {@code filter} keeps only cases
 * whose name contains it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    List<String> suites = List.of("kernels", "data", "xception", "train");
    if (args.length == 0 || !suites.contains(args[0])) {
      System.err.println("usage: graft-bench kernels|data|xception|train [case-name-filter]");
      System.exit(2);
    }
    String filter = args.length > 1 ? args[1] : "";
    System.err.printf(
        "graft-bench: kernels=%s threads=%d java=%s%n",
        KernelProvider.get().name(), Parallel.threads(), Runtime.version());
    List<BenchCase> chosen =
        switch (args[0]) {
          case "data" -> DataCases.all();
          case "xception" -> XceptionCases.all();
          case "train" -> SmallCnnCases.all();
          default -> cases();
        };
    for (BenchCase c : chosen) {
      if (c.name().contains(filter)) {
        System.out.println(c.run().toJson());
      }
    }
  }

  static List<BenchCase> cases() {
    return KernelCases.all();
  }
}
