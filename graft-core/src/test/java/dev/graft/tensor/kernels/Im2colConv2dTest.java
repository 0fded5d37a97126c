package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Im2colConv2dTest {
  private static final double TOL = 1e-5;

  static Stream<ConvCase> cases() {
    return ConvCase.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scalarGemmMatchesNaive(ConvCase c) {
    check(new Im2colConv2d(new ScalarGemm()), c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorGemmMatchesNaive(ConvCase c) {
    Assumptions.assumeTrue(KernelProvider.vectorModulePresent());
    check(KernelProvider.vector().conv2d(), c);
  }

  static void check(Conv2dKernel k, ConvCase c) {
    ConvGeometry g = c.g();
    Random r = new Random(7);
    float[] x = ConvCase.random(r, g.inputSize());
    float[] w = ConvCase.random(r, g.kH() * g.kW() * g.inC() * g.outC());
    float[] dy = ConvCase.random(r, g.outputSize());
    double[] xd = Naive.toDouble(x);
    double[] wd = Naive.toDouble(w);
    double[][] grads = Naive.convBackward(g, xd, wd, Naive.toDouble(dy));

    // Outputs start as garbage: kernels must overwrite, not accumulate.
    float[] y = filled(g.outputSize());
    k.forward(g, x, w, y);
    Check.close(c + " forward", Naive.conv(g, xd, wd), y, TOL);
    float[] dx = filled(g.inputSize());
    k.backwardInput(g, dy, w, dx);
    Check.close(c + " dx", grads[0], dx, TOL);
    float[] dw = filled(w.length);
    k.backwardFilter(g, x, dy, dw);
    Check.close(c + " dw", grads[1], dw, TOL);
    float[] again = filled(w.length);
    k.backwardFilter(g, x, dy, again);
    assertArrayEquals(dw, again, c + " dw is deterministic");
  }

  static float[] filled(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, Float.NaN);
    return a;
  }

  @Test
  void finiteDifferencesScalar() {
    FiniteDifferences.conv(new Im2colConv2d(new ScalarGemm()));
  }

  @Test
  void finiteDifferencesVector() {
    Assumptions.assumeTrue(KernelProvider.vectorModulePresent());
    FiniteDifferences.conv(KernelProvider.vector().conv2d());
  }
}
