package dev.graft.bench;

/** One benchmark: a name, a shape label, and a timed body that reports its own unit. */
public interface BenchCase {
  String name();

  BenchResult run();
}
