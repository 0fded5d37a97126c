package dev.graft.tensor.kernels;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Pool2dTest {
  private static final double TOL = 1e-6;

  static Stream<ConvCase> cases() {
    return ConvCase.all().stream().map(c -> c.withOutC(c.g().inC()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scalarMatchesNaive(ConvCase c) {
    check(new ScalarPool2d(), c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorMatchesNaive(ConvCase c) {
    Assumptions.assumeTrue(KernelProvider.vectorModulePresent());
    check(KernelProvider.vector().pool(), c);
  }

  /** Ties: with many equal values, the max gradient must go to the first one in scan order. */
  @Test
  void maxGradientGoesToFirstMaximum() {
    ConvCase c = ConvCase.of(3, 8, 7, 33, 3, 3, 33, 2, 1, 1, 1, true);
    float[] x = new float[c.g().inputSize()];
    Random r = new Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(3) - 1;
    }
    check(new ScalarPool2d(), c, x);
    if (KernelProvider.vectorModulePresent()) {
      check(KernelProvider.vector().pool(), c, x);
    }
  }

  static void check(Pool2dKernel k, ConvCase c) {
    check(k, c, ConvCase.random(new Random(13), c.g().inputSize()));
  }

  static void check(Pool2dKernel k, ConvCase c, float[] x) {
    ConvGeometry g = c.g();
    float[] dy = ConvCase.random(new Random(17), g.outputSize());
    double[] xd = Naive.toDouble(x);
    double[] dyd = Naive.toDouble(dy);
    float[] y = Im2colConv2dTest.filled(g.outputSize());
    k.maxForward(g, x, y);
    Check.close(c + " max", Naive.pool(g, true, xd, null), y, TOL);
    float[] dx = Im2colConv2dTest.filled(g.inputSize());
    k.maxBackward(g, x, dy, dx);
    Check.close(c + " max dx", Naive.pool(g, true, xd, dyd), dx, TOL);
    k.avgForward(g, x, y);
    Check.close(c + " avg", Naive.pool(g, false, xd, null), y, TOL);
    k.avgBackward(g, dy, dx);
    Check.close(c + " avg dx", Naive.pool(g, false, null, dyd), dx, TOL);
  }
}
