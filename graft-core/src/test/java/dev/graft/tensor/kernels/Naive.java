package dev.graft.tensor.kernels;

/**
 * Direct definitions, written independently of the kernels: every (output, window tap) pair, in
 * double precision, with explicit padding checks. Backward passes follow the definition: each pair
 * adds its partial derivative.
 */
final class Naive {
  private Naive() {}

  /** Input offset of tap {@code (kh, kw)} of output {@code (b, oh, ow)}, or -1 in the padding. */
  static int tap(ConvGeometry g, int b, int oh, int ow, int kh, int kw) {
    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
    if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
      return -1;
    }
    return ((b * g.inH() + ih) * g.inW() + iw) * g.inC();
  }

  static int out(ConvGeometry g, int b, int oh, int ow) {
    return ((b * g.outH() + oh) * g.outW() + ow) * g.outC();
  }

  /** Dense conv forward in double; {@code x}, {@code w} as doubles so finite differences work. */
  static double[] conv(ConvGeometry g, double[] x, double[] w) {
    double[] y = new double[g.outputSize()];
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
              int xi = tap(g, b, oh, ow, kh, kw);
              if (xi < 0) {
                continue;
              }
              for (int c = 0; c < g.inC(); c++) {
                for (int f = 0; f < g.outC(); f++) {
                  y[out(g, b, oh, ow) + f] +=
                      x[xi + c] * w[((kh * g.kW() + kw) * g.inC() + c) * g.outC() + f];
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  /** Dense conv gradients: {@code [0]} is dx, {@code [1]} is dw. */
  static double[][] convBackward(ConvGeometry g, double[] x, double[] w, double[] dy) {
    double[] dx = new double[g.inputSize()];
    double[] dw = new double[w.length];
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
              int xi = tap(g, b, oh, ow, kh, kw);
              if (xi < 0) {
                continue;
              }
              for (int c = 0; c < g.inC(); c++) {
                for (int f = 0; f < g.outC(); f++) {
                  int wi = ((kh * g.kW() + kw) * g.inC() + c) * g.outC() + f;
                  double d = dy[out(g, b, oh, ow) + f];
                  dx[xi + c] += d * w[wi];
                  dw[wi] += d * x[xi + c];
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {dx, dw};
  }

  /** Depthwise forward: output channel {@code c * dm + m} reads input channel {@code c}. */
  static double[] depthwise(ConvGeometry g, double[] x, double[] w) {
    int dm = g.outC() / g.inC();
    double[] y = new double[g.outputSize()];
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
              int xi = tap(g, b, oh, ow, kh, kw);
              for (int c = 0; xi >= 0 && c < g.inC(); c++) {
                for (int m = 0; m < dm; m++) {
                  int o = c * dm + m;
                  y[out(g, b, oh, ow) + o] += x[xi + c] * w[(kh * g.kW() + kw) * g.outC() + o];
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  /** Depthwise gradients: {@code [0]} is dx, {@code [1]} is dw. */
  static double[][] depthwiseBackward(ConvGeometry g, double[] x, double[] w, double[] dy) {
    int dm = g.outC() / g.inC();
    double[] dx = new double[g.inputSize()];
    double[] dw = new double[w.length];
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
              int xi = tap(g, b, oh, ow, kh, kw);
              for (int c = 0; xi >= 0 && c < g.inC(); c++) {
                for (int m = 0; m < dm; m++) {
                  int o = c * dm + m;
                  int wi = (kh * g.kW() + kw) * g.outC() + o;
                  double d = dy[out(g, b, oh, ow) + o];
                  dx[xi + c] += d * w[wi];
                  dw[wi] += d * x[xi + c];
                }
              }
            }
          }
        }
      }
    }
    return new double[][] {dx, dw};
  }

  /**
   * Pooling forward ({@code max} or average) and, when {@code dy} is given, its input gradient
   * instead: the max gradient goes to the first strictly-greatest tap in row-major window order,
   * the average gradient spreads over the in-bounds taps only.
   */
  static double[] pool(ConvGeometry g, boolean max, double[] x, double[] dy) {
    double[] res = new double[dy == null ? g.outputSize() : g.inputSize()];
    for (int b = 0; b < g.batch(); b++) {
      for (int oh = 0; oh < g.outH(); oh++) {
        for (int ow = 0; ow < g.outW(); ow++) {
          for (int c = 0; c < g.inC(); c++) {
            int best = -1;
            int count = 0;
            double sum = 0;
            for (int kh = 0; kh < g.kH(); kh++) {
              for (int kw = 0; kw < g.kW(); kw++) {
                int xi = tap(g, b, oh, ow, kh, kw);
                if (xi < 0) {
                  continue;
                }
                count++;
                if (!max) {
                  sum += x == null ? 0 : x[xi + c];
                } else if (best < 0 || x[xi + c] > x[best]) {
                  best = xi + c;
                }
              }
            }
            int yi = out(g, b, oh, ow) + c;
            if (count == 0) {
              continue;
            }
            if (dy == null) {
              res[yi] = max ? x[best] : sum / count;
            } else if (max) {
              res[best] += dy[yi];
            } else {
              for (int kh = 0; kh < g.kH(); kh++) {
                for (int kw = 0; kw < g.kW(); kw++) {
                  int xi = tap(g, b, oh, ow, kh, kw);
                  if (xi >= 0) {
                    res[xi + c] += dy[yi] / count;
                  }
                }
              }
            }
          }
        }
      }
    }
    return res;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
