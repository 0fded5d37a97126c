package dev.graft.tensor.kernels;

import java.util.Random;

/**
 * Central differences in double precision of {@code L = sum(y * r)}, against the kernels' float
 * gradients {@code backwardInput(r)} and {@code backwardFilter(x, r)}, on tiny padded, strided and
 * dilated shapes.
 */
final class FiniteDifferences {
  private static final double H = 1e-3;

  private FiniteDifferences() {}

  interface Forward {
    double[] apply(ConvGeometry g, double[] x, double[] w);
  }

  static void conv(Conv2dKernel k) {
    for (ConvCase c :
        new ConvCase[] {
          ConvCase.of(1, 4, 5, 2, 3, 3, 3, 2, 1, 1, 1, true),
          ConvCase.of(2, 5, 5, 2, 2, 3, 2, 1, 2, 2, 1, false)
        }) {
      run(c.g(), Naive::conv, k::backwardInput, k::backwardFilter, c.g().inC() * c.g().outC());
    }
  }

  static void depthwise(DepthwiseConv2dKernel k) {
    for (ConvCase c :
        new ConvCase[] {
          ConvCase.of(1, 4, 5, 3, 3, 3, 6, 2, 1, 1, 1, true),
          ConvCase.of(2, 5, 5, 17, 2, 3, 17, 1, 2, 2, 1, false)
        }) {
      run(c.g(), Naive::depthwise, k::backwardInput, k::backwardFilter, c.g().outC());
    }
  }

  interface Grad {
    void apply(ConvGeometry g, float[] a, float[] b, float[] out);
  }

  private static void run(ConvGeometry g, Forward f, Grad dInput, Grad dFilter, int wPerTap) {
    Random rnd = new Random(3);
    float[] x = ConvCase.random(rnd, g.inputSize());
    float[] w = ConvCase.random(rnd, g.kH() * g.kW() * wPerTap);
    float[] r = ConvCase.random(rnd, g.outputSize());
    double[] xd = Naive.toDouble(x);
    double[] wd = Naive.toDouble(w);
    double[] rd = Naive.toDouble(r);
    double[] numDx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double keep = xd[i];
      xd[i] = keep + H;
      double up = dot(f.apply(g, xd, wd), rd);
      xd[i] = keep - H;
      double down = dot(f.apply(g, xd, wd), rd);
      xd[i] = keep;
      numDx[i] = (up - down) / (2 * H);
    }
    double[] numDw = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double keep = wd[i];
      wd[i] = keep + H;
      double up = dot(f.apply(g, xd, wd), rd);
      wd[i] = keep - H;
      double down = dot(f.apply(g, xd, wd), rd);
      wd[i] = keep;
      numDw[i] = (up - down) / (2 * H);
    }
    float[] dx = new float[x.length];
    dInput.apply(g, r, w, dx);
    Check.close("finite-difference dx", numDx, dx, 1e-4);
    float[] dw = new float[w.length];
    dFilter.apply(g, x, r, dw);
    Check.close("finite-difference dw", numDw, dw, 1e-4);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
