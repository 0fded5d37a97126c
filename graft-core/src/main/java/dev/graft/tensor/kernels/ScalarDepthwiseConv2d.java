package dev.graft.tensor.kernels;

import java.util.Arrays;

/**
 * Plain-loop depthwise conv2d, any depth multiplier: the reference the vector kernel is tested
 * against and the kernel of the scalar set. Weight index {@code (kh * kW + kw) * outC + o} with
 * {@code o = c * depthMultiplier + m}.
 */
public final class ScalarDepthwiseConv2d implements DepthwiseConv2dKernel {

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    Arrays.fill(y, 0, g.outputSize(), 0f);
    visit(
        g,
        (xi, yi, wi, dm) -> {
          for (int c = 0; c < g.inC(); c++) {
            float xv = x[xi + c];
            for (int j = 0; j < dm; j++) {
              y[yi + c * dm + j] += xv * w[wi + c * dm + j];
            }
          }
        });
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    visit(
        g,
        (xi, yi, wi, dm) -> {
          for (int c = 0; c < g.inC(); c++) {
            float s = 0f;
            for (int j = 0; j < dm; j++) {
              s += dy[yi + c * dm + j] * w[wi + c * dm + j];
            }
            dx[xi + c] += s;
          }
        });
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    Arrays.fill(dw, 0, g.kH() * g.kW() * g.outC(), 0f);
    visit(
        g,
        (xi, yi, wi, dm) -> {
          for (int c = 0; c < g.inC(); c++) {
            float xv = x[xi + c];
            for (int j = 0; j < dm; j++) {
              dw[wi + c * dm + j] += xv * dy[yi + c * dm + j];
            }
          }
        });
  }

  /**
   * One in-bounds (output pixel, window tap) pair: offsets of its input, output and weight rows.
   */
  private interface Tap {
    void run(int xi, int yi, int wi, int dm);
  }

  private static void visit(ConvGeometry g, Tap tap) {
    int dm = g.outC() / Math.max(1, g.inC());
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          int yi = ((b * g.outH() + oh) * g.outW() + ow) * g.outC();
          for (int kh = 0; kh < g.kH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.inH()) {
              continue;
            }
            for (int kw = 0; kw < g.kW(); kw++) {
              int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
              if (iw < 0 || iw >= g.inW()) {
                continue;
              }
              int xi = ((b * g.inH() + ih) * g.inW() + iw) * g.inC();
              tap.run(xi, yi, (kh * g.kW() + kw) * g.outC(), dm);
            }
          }
        }
      }
    }
  }
}
