package dev.graft.bench;

import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import java.util.List;

/**
 * Benchmark entry point: {@code java --add-modules jdk.incubator.vector -jar graft-bench.jar SUITE
 * [filter]}, SUITE {@code kernels} or {@code xception}. Prints one JSON object per case and line; a
 * {@code filter} keeps only cases whose name contains it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0 || !(args[0].equals("kernels") || args[0].equals("xception"))) {
      System.err.println("usage: graft-bench kernels|xception [case-name-filter]");
      System.exit(2);
    }
    String filter = args.length > 1 ? args[1] : "";
    System.err.printf(
        "graft-bench: kernels=%s threads=%d java=%s%n",
        KernelProvider.get().name(), Parallel.threads(), Runtime.version());
    for (BenchCase c : args[0].equals("xception") ? XceptionCases.all() : cases()) {
      if (c.name().contains(filter)) {
        System.out.println(c.run().toJson());
      }
    }
  }

  static List<BenchCase> cases() {
    return KernelCases.all();
  }
}
