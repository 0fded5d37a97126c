package dev.graft.tensor.kernels;

/**
 * The elementwise and reduction loops. The op layer flattens broadcasting into calls on runs of
 * {@code n} elements with a per-operand stride: 1 for contiguous, 0 for a broadcast scalar.
 */
public interface Elementwise {
  /** {@code out[i] = f(a[aOff + i*aStride], b[bOff + i*bStride])} for {@code i < n}. */
  void binary(
      BinaryFn f,
      float[] a,
      int aOff,
      int aStride,
      float[] b,
      int bOff,
      int bStride,
      float[] out,
      int outOff,
      int n);

  /** {@code out[i] = f(x[i]; p, q)} over contiguous runs. */
  void unary(UnaryFn f, float p, float q, float[] x, int xOff, float[] out, int outOff, int n);

  /** {@code dx[i] = g[i] * f'(x[i], y[i]; p, q)}, where {@code y = f(x)}. */
  void unaryGrad(UnaryFn f, float p, float q, float[] x, float[] y, float[] g, float[] dx, int n);

  /**
   * Reduces each of {@code rows} contiguous rows of length {@code len} starting at {@code off} into
   * {@code out[outOff + r]}.
   */
  void reduceRows(ReduceFn f, float[] x, int off, int rows, int len, float[] out, int outOff);
}
