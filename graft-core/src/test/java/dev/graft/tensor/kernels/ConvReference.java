package dev.graft.tensor.kernels;

/**
 * The naive conv reference and the test-shape builder, opened to the kernel tests of other packages
 * (the Vector-API kernels are package-private in {@code kernels.vector}).
 */
public final class ConvReference {
  private ConvReference() {}

  /** A geometry resolved with TensorFlow's same/valid rule; see {@link ConvCase#of}. */
  public static ConvGeometry geometry(
      int batch,
      int h,
      int w,
      int c,
      int kh,
      int kw,
      int outC,
      int sh,
      int sw,
      int dh,
      int dw,
      boolean same) {
    return ConvCase.of(batch, h, w, c, kh, kw, outC, sh, sw, dh, dw, same).g();
  }

  /** Dense conv forward by definition, in double. */
  public static double[] conv(ConvGeometry g, float[] x, float[] w) {
    return Naive.conv(g, Naive.toDouble(x), Naive.toDouble(w));
  }

  /**
   * Fails unless {@code actual} is within {@code relTol} of {@code expected}, scaled by its max.
   */
  public static void assertClose(String what, double[] expected, float[] actual, double relTol) {
    Check.close(what, expected, actual, relTol);
  }
}
