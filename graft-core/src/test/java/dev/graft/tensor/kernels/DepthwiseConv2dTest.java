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

  /**
   * The specialised 3x3 forward (dilation 1, multiplier 1): strides 1 and 2, channel counts around
   * the vector length, inputs one or two pixels wide where both window sides are cut, both
   * paddings, batches 1 and 3. Multiplier 2 checks the threaded scalar fallback.
   */
  static Stream<ConvCase> hot3x3Cases() {
    int[][] sizes = {{1, 1}, {2, 2}, {3, 5}, {5, 2}, {1, 19}, {19, 19}, {4, 7}};
    int[][] strides = {{1, 1}, {2, 2}, {2, 1}, {1, 2}};
    Stream.Builder<ConvCase> b = Stream.builder();
    int n = 0;
    for (int c : new int[] {16, 17, 33}) {
      for (int[] hw : sizes) {
        for (int[] st : strides) {
          for (boolean same : new boolean[] {true, false}) {
            int batch = n++ % 2 == 0 ? 1 : 3;
            b.add(ConvCase.of(batch, hw[0], hw[1], c, 3, 3, c, st[0], st[1], 1, 1, same));
          }
        }
      }
    }
    for (int st = 1; st <= 2; st++) {
      b.add(ConvCase.of(3, 19, 19, 728, 3, 3, 728, st, st, 1, 1, true));
      b.add(ConvCase.of(1, 19, 19, 728, 3, 3, 728, st, st, 1, 1, false));
      b.add(ConvCase.of(1, 2, 2, 728, 3, 3, 728, st, st, 1, 1, true));
      b.add(ConvCase.of(3, 6, 6, 17, 3, 3, 34, st, st, 1, 1, true));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hot3x3Cases")
  void vectorMatchesScalar3x3(ConvCase c) {
    vectorMatchesScalar(c);
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
