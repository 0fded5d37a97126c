package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.Conv2dKernel;
import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.Im2colConv2d;

/**
 * Dense conv2d that picks, per shape, the faster forward of {@link DirectConv2d} and {@link
 * Im2colConv2d}; both gradients stay on im2col. The rule, {@link #useDirect}, comes from the
 * measurements in {@code graft-bench/CONV_RESULTS.md}.
 */
final class VectorConv2d implements Conv2dKernel {
  /**
   * Largest {@code K = kH * kW * inC} at which the direct kernel is used: 3x3 up to 16 input
   * channels. Measured (CONV_RESULTS.md): direct wins by 1.1-2.6x at K 27-144 on JDK 17 and 25, is
   * level at K 288 (ahead on JDK 17, behind on JDK 25) and behind at K 576 on JDK 25.
   */
  static final int MAX_DIRECT_K = 144;

  private final Im2colConv2d im2col;

  VectorConv2d(Gemm gemm) {
    this.im2col = new Im2colConv2d(gemm);
  }

  /**
   * Direct when the patch row is short, {@code K = kH * kW * inC <= MAX_DIRECT_K}, and there is at
   * least one full vector of output channels: a GEMM with small K is dominated by packing and by
   * writing C, and im2col's patch copy costs as much as the arithmetic. 1x1 convolutions (strided
   * or not) always go to im2col, whose stride-1 case is a single GEMM on the input.
   */
  static boolean useDirect(ConvGeometry g) {
    if (g.kH() == 1 && g.kW() == 1) {
      return false;
    }
    int k = g.kH() * g.kW() * g.inC();
    return k <= MAX_DIRECT_K && g.outC() >= DirectConv2d.vectorLength();
  }

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    if (useDirect(g)) {
      DirectConv2d.forward(g, x, w, y);
    } else {
      im2col.forward(g, x, w, y);
    }
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    im2col.backwardInput(g, dy, w, dx);
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    im2col.backwardFilter(g, x, dy, dw);
  }
}
