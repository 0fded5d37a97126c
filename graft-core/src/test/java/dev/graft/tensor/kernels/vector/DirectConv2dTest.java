package dev.graft.tensor.kernels.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.ConvReference;
import dev.graft.tensor.kernels.KernelProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct conv2d forward against the naive definition on awkward shapes (output channels below,
 * at and above one and two vectors; few input channels; strides, dilations, padding, batch), and
 * the chooser's rule on the shapes it was tuned for.
 */
class DirectConv2dTest {
  private static final double TOL = 1e-5;

  @BeforeAll
  static void vectorModule() {
    assumeTrue(KernelProvider.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
  }

  static Stream<ConvGeometry> cases() {
    List<ConvGeometry> cases = new ArrayList<>();
    int[] outCs = {1, 15, 16, 17, 33, 64};
    int[] inCs = {1, 3, 5};
    int[][] strides = {{1, 1}, {2, 2}, {2, 1}};
    int t = 0;
    for (int outC : outCs) {
      for (int inC : inCs) {
        for (int[] s : strides) {
          int d = 1 + t % 2;
          boolean same = (t / 2) % 2 == 0;
          int batch = (t / 3) % 2 == 0 ? 1 : 3;
          // Width 17 leaves interior columns plus a ragged block tail; 9 rows keeps it quick.
          cases.add(ConvReference.geometry(batch, 9, 17, inC, 3, 3, outC, s[0], s[1], d, d, same));
          t++;
        }
      }
    }
    // Other windows: 5x5 same (two padded columns each side), 1x3, 2x2, window wider than input.
    cases.add(ConvReference.geometry(3, 11, 23, 3, 5, 5, 33, 1, 1, 1, 1, true));
    cases.add(ConvReference.geometry(1, 4, 30, 5, 1, 3, 17, 1, 2, 1, 1, true));
    cases.add(ConvReference.geometry(3, 8, 8, 3, 2, 2, 16, 2, 2, 1, 1, false));
    cases.add(ConvReference.geometry(1, 6, 3, 3, 5, 5, 32, 1, 1, 1, 1, true));
    cases.add(ConvReference.geometry(1, 5, 5, 3, 5, 5, 32, 1, 1, 2, 2, false)); // empty output
    // The first Xception layer at a small batch and size: 3 -> 32, 3x3, stride 2, valid.
    cases.add(ConvReference.geometry(2, 31, 31, 3, 3, 3, 32, 2, 2, 1, 1, false));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesNaive(ConvGeometry g) {
    Random r = new Random(11);
    float[] x = random(r, g.inputSize());
    float[] w = random(r, g.kH() * g.kW() * g.inC() * g.outC());
    float[] y = new float[g.outputSize()];
    Arrays.fill(y, Float.NaN); // the kernel must overwrite every output
    DirectConv2d.forward(g, x, w, y);
    ConvReference.assertClose(g.toString(), ConvReference.conv(g, x, w), y, TOL);
    float[] again = new float[y.length];
    DirectConv2d.forward(g, x, w, again);
    assertArrayEquals(y, again, "deterministic");
  }

  @Test
  void chooserMatchesNaiveOnBothPaths() {
    VectorConv2d k = new VectorConv2d(KernelProvider.vector().gemm());
    Random r = new Random(5);
    for (ConvGeometry g :
        List.of(
            ConvReference.geometry(2, 15, 15, 3, 3, 3, 32, 2, 2, 1, 1, false),
            ConvReference.geometry(1, 9, 9, 32, 3, 3, 64, 1, 1, 1, 1, true))) {
      float[] x = random(r, g.inputSize());
      float[] w = random(r, g.kH() * g.kW() * g.inC() * g.outC());
      float[] y = new float[g.outputSize()];
      k.forward(g, x, w, y);
      ConvReference.assertClose(g.toString(), ConvReference.conv(g, x, w), y, TOL);
    }
  }

  @Test
  void chooserPicksDirectForShortPatchRows() {
    // Xception's first layer: K = 27.
    assertTrue(VectorConv2d.useDirect(xception(150, 3, 3, 32, 2, false)));
    assertTrue(VectorConv2d.useDirect(xception(32, 3, 3, 16, 1, true)));
  }

  @Test
  void chooserPicksIm2colForLongRowsPointwiseAndFewChannels() {
    // Xception's second layer, K = 288: the GEMM is efficient there.
    assertFalse(VectorConv2d.useDirect(xception(74, 32, 3, 64, 1, true)));
    // 1x1 convolutions, strided or not.
    assertFalse(VectorConv2d.useDirect(xception(37, 128, 1, 256, 2, true)));
    assertFalse(VectorConv2d.useDirect(xception(37, 3, 1, 64, 1, true)));
    // Fewer output channels than one vector.
    assertFalse(VectorConv2d.useDirect(xception(32, 3, 3, 1, 1, true)));
  }

  private static ConvGeometry xception(
      int size, int inC, int k, int outC, int stride, boolean same) {
    return ConvReference.geometry(32, size, size, inC, k, k, outC, stride, stride, 1, 1, same);
  }

  private static float[] random(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() * 2 - 1;
    }
    return a;
  }
}
