package dev.graft.tensor.kernels;

/**
 * Walks pooling windows in output order, handing each one's in-bounds input offsets in window scan
 * order (row-major over the window), so padding never takes part.
 */
public final class PoolWindows {
  /**
   * One output pixel {@code (b, oh, ow)} at offset {@code yi}; {@code taps[0..count)} are inputs.
   */
  @FunctionalInterface
  public interface Window {
    void run(int b, int oh, int ow, int yi, int[] taps, int count);
  }

  private PoolWindows() {}

  /** Every window of the batch. */
  static void forEach(ConvGeometry g, Window body) {
    forRows(g, 0, g.batch() * g.outH(), body);
  }

  /** The windows of flat output rows {@code [row0, row1)}, a row being one {@code (b, oh)}. */
  public static void forRows(ConvGeometry g, int row0, int row1, Window body) {
    int[] taps = new int[g.kH() * g.kW()];
    for (int row = row0; row < row1; row++) {
      int b = row / g.outH();
      int oh = row % g.outH();
      for (int ow = 0; ow < g.outW(); ow++) {
        int count = 0;
        for (int kh = 0; kh < g.kH(); kh++) {
          int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
          if (ih < 0 || ih >= g.inH()) {
            continue;
          }
          for (int kw = 0; kw < g.kW(); kw++) {
            int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
            if (iw >= 0 && iw < g.inW()) {
              taps[count++] = ((b * g.inH() + ih) * g.inW() + iw) * g.inC();
            }
          }
        }
        body.run(b, oh, ow, (row * g.outW() + ow) * g.outC(), taps, count);
      }
    }
  }
}
