package dev.graft.tensor.kernels;

/** Plain-loop elementwise kernels: the reference every faster kernel is tested against. */
public final class ScalarElementwise implements Elementwise {
  @Override
  public void binary(
      BinaryFn f,
      float[] a,
      int aOff,
      int aStride,
      float[] b,
      int bOff,
      int bStride,
      float[] out,
      int outOff,
      int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = f.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
    }
  }

  @Override
  public void unary(
      UnaryFn f, float p, float q, float[] x, int xOff, float[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = f.apply(x[xOff + i], p, q);
    }
  }

  @Override
  public void unaryGrad(
      UnaryFn f, float p, float q, float[] x, float[] y, float[] g, float[] dx, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = g[i] * f.derivative(x[i], y[i], p, q);
    }
  }

  @Override
  public void reduceRows(
      ReduceFn f, float[] x, int off, int rows, int len, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * len;
      float acc;
      switch (f) {
        case SUM:
          acc = 0f;
          for (int i = 0; i < len; i++) {
            acc += x[base + i];
          }
          break;
        case MAX:
          acc = Float.NEGATIVE_INFINITY;
          for (int i = 0; i < len; i++) {
            acc = Math.max(acc, x[base + i]);
          }
          break;
        case MIN:
          acc = Float.POSITIVE_INFINITY;
          for (int i = 0; i < len; i++) {
            acc = Math.min(acc, x[base + i]);
          }
          break;
        default:
          throw new AssertionError(f);
      }
      out[outOff + r] = acc;
    }
  }
}
