package dev.graft.tensor.kernels;

/** Reductions along the last axis of a row-major block. */
public enum ReduceFn {
  SUM,
  MAX,
  MIN;
}
