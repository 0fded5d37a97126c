package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DepthwiseConv2dTest {
  private static final double TOL = 1e-5;

  /** Every shape with multiplier 1 (the hot case), plus multipliers 2 and 3 on some. */
  static Stream<ConvCase> cases() {
    return ConvCase.all().stream()
        .flatMap(
            c -> {
              int h = c.g().inH() * 31 + c.g().inW() + c.g().inC();
              ConvCase one = c.withOutC(c.g().inC());
              return h % 3 == 0
                  ? Stream.of(one, c.withOutC(c.g().inC() * (2 + h % 2)))
                  : Stream.of(one);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scalarMatchesNaive(ConvCase c) {
    ConvGeometry g = c.g();
    Data d = new Data(g);
    DepthwiseConv2dKernel k = new ScalarDepthwiseConv2d();
    double[] xd = Naive.toDouble(d.x);
    double[] wd = Naive.toDouble(d.w);
    double[][] grads = Naive.depthwiseBackward(g, xd, wd, Naive.toDouble(d.dy));
    Check.close(c + " forward", Naive.depthwise(g, xd, wd), d.forward(k), TOL);
    Check.close(c + " dx", grads[0], d.backwardInput(k), TOL);
    Check.close(c + " dw", grads[1], d.backwardFilter(k), TOL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorMatchesScalar(ConvCase c) {
    Assumptions.assumeTrue(KernelProvider.vectorModulePresent());
    Data d = new Data(c.g());
    DepthwiseConv2dKernel s = new ScalarDepthwiseConv2d();
    DepthwiseConv2dKernel v = KernelProvider.vector().depthwise();
    Check.close(c + " forward", d.forward(s), d.forward(v), TOL);
    Check.close(c + " dx", d.backwardInput(s), d.backwardInput(v), TOL);
    float[] dw = d.backwardFilter(v);
    Check.close(c + " dw", d.backwardFilter(s), dw, TOL);
    assertArrayEquals(dw, d.backwardFilter(v), c + " dw is deterministic");
  }

  @Test
  void finiteDifferencesScalar() {
    FiniteDifferences.depthwise(new ScalarDepthwiseConv2d());
  }

  @Test
  void finiteDifferencesVector() {
    Assumptions.assumeTrue(KernelProvider.vectorModulePresent());
    FiniteDifferences.depthwise(KernelProvider.vector().depthwise());
  }

  /** Seeded inputs for one shape; outputs start as NaN so kernels must overwrite them. */
  private static final class Data {
    final ConvGeometry g;
    final float[] x;
    final float[] w;
    final float[] dy;

    Data(ConvGeometry g) {
      this.g = g;
      Random r = new Random(11);
      x = ConvCase.random(r, g.inputSize());
      w = ConvCase.random(r, g.kH() * g.kW() * g.outC());
      dy = ConvCase.random(r, g.outputSize());
    }

    float[] forward(DepthwiseConv2dKernel k) {
      float[] y = Im2colConv2dTest.filled(g.outputSize());
      k.forward(g, x, w, y);
      return y;
    }

    float[] backwardInput(DepthwiseConv2dKernel k) {
      float[] dx = Im2colConv2dTest.filled(g.inputSize());
      k.backwardInput(g, dy, w, dx);
      return dx;
    }

    float[] backwardFilter(DepthwiseConv2dKernel k) {
      float[] dw = Im2colConv2dTest.filled(w.length);
      k.backwardFilter(g, x, dy, dw);
      return dw;
    }
  }
}
