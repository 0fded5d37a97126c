package dev.graft.tensor.kernels;

import java.util.Arrays;

/**
 * Plain-loop depthwise conv2d, any depth multiplier: the reference the vector kernel is tested
 * against, the kernel of the scalar set and the vector set's fallback for multipliers other than
 * one. Weight index {@code (kh * kW + kw) * outC + o} with {@code o = c * depthMultiplier + m}.
 *
 * <p>Threads split output rows (forward), images (input gradient: an image's rows only receive from
 * its own outputs) or row chunks with one partial sum each, added in chunk order (filter gradient),
 * so results are deterministic for a given thread count.
 */
public final class ScalarDepthwiseConv2d implements DepthwiseConv2dKernel {

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    int rowSize = g.outW() * g.outC();
    Parallel.forRange(
        g.batch() * g.outH(),
        1,
        (s, e) -> {
          Arrays.fill(y, s * rowSize, e * rowSize, 0f);
          visit(
              g,
              s,
              e,
              (xi, yi, wi, dm) -> {
                for (int c = 0; c < g.inC(); c++) {
                  float xv = x[xi + c];
                  for (int j = 0; j < dm; j++) {
                    y[yi + c * dm + j] += xv * w[wi + c * dm + j];
                  }
                }
              });
        });
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    int imageSize = g.inH() * g.inW() * g.inC();
    Parallel.forRange(
        g.batch(),
        1,
        (s, e) -> {
          Arrays.fill(dx, s * imageSize, e * imageSize, 0f);
          visit(
              g,
              s * g.outH(),
              e * g.outH(),
              (xi, yi, wi, dm) -> {
                for (int c = 0; c < g.inC(); c++) {
                  float sum = 0f;
                  for (int j = 0; j < dm; j++) {
                    sum += dy[yi + c * dm + j] * w[wi + c * dm + j];
                  }
                  dx[xi + c] += sum;
                }
              });
        });
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    int size = g.kH() * g.kW() * g.outC();
    int rows = g.batch() * g.outH();
    int chunks = Math.max(1, Math.min(Parallel.threads(), rows));
    float[][] partial = new float[chunks][];
    Parallel.forRange(
        chunks,
        1,
        (s, e) -> {
          for (int k = s; k < e; k++) {
            float[] acc = new float[size];
            visit(
                g,
                (int) ((long) rows * k / chunks),
                (int) ((long) rows * (k + 1) / chunks),
                (xi, yi, wi, dm) -> {
                  for (int c = 0; c < g.inC(); c++) {
                    float xv = x[xi + c];
                    for (int j = 0; j < dm; j++) {
                      acc[wi + c * dm + j] += xv * dy[yi + c * dm + j];
                    }
                  }
                });
            partial[k] = acc;
          }
        });
    System.arraycopy(partial[0], 0, dw, 0, size);
    for (int k = 1; k < chunks; k++) {
      for (int i = 0; i < size; i++) {
        dw[i] += partial[k][i];
      }
    }
  }

  /**
   * One in-bounds (output pixel, window tap) pair: offsets of its input, output and weight rows.
   */
  private interface Tap {
    void run(int xi, int yi, int wi, int dm);
  }

  /** Visits output rows {@code [rowStart, rowEnd)} of {@code batch * outH}. */
  private static void visit(ConvGeometry g, int rowStart, int rowEnd, Tap tap) {
    int dm = g.outC() / Math.max(1, g.inC());
    for (int row = rowStart; row < rowEnd; row++) {
      int b = row / g.outH();
      int oh = row % g.outH();
      for (int ow = 0; ow < g.outW(); ow++) {
        int yi = (row * g.outW() + ow) * g.outC();
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
