package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Checks the naive conv and pooling references of {@link ConvOpsTest} against hand-computed values,
 * so that they can be trusted once the kernels land (this class runs today; it calls no graft op).
 */
class ConvReferenceTest {
  private static Nd arange(int... shape) {
    Nd x = Nd.zeros(shape);
    for (int i = 0; i < x.size(); i++) {
      x.v[i] = i;
    }
    return x;
  }

  private static Nd ones(int... shape) {
    return Nd.zeros(shape).map(v -> 1);
  }

  @Test
  void convValid() {
    // [[0 1 2] [3 4 5] [6 7 8]] with a 2x2 box filter.
    Nd y =
        ConvOpsTest.conv(
            arange(1, 3, 3, 1),
            ones(2, 2, 1, 1),
            new int[] {1, 1},
            Padding.VALID,
            new int[] {1, 1},
            false);
    assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape);
    assertArrayEquals(new double[] {8, 12, 20, 24}, y.v);
  }

  @Test
  void convSameStride2PadsAtTheEnd() {
    // 4x4 input, 3x3 box, stride 2: out 2x2, total padding 1, all of it after (TensorFlow).
    Nd y =
        ConvOpsTest.conv(
            arange(1, 4, 4, 1),
            ones(3, 3, 1, 1),
            new int[] {2, 2},
            Padding.SAME,
            new int[] {1, 1},
            false);
    assertArrayEquals(new double[] {45, 39, 66, 50}, y.v);
  }

  @Test
  void convSameStride1IdentityKernelAndChannels() {
    // A centred identity kernel mapping channel c to output channel c reproduces the input.
    Nd w = Nd.zeros(3, 3, 2, 2);
    w.set(1, 1, 1, 0, 0);
    w.set(1, 1, 1, 1, 1);
    Nd x = arange(1, 3, 4, 2);
    Nd y = ConvOpsTest.conv(x, w, new int[] {1, 1}, Padding.SAME, new int[] {1, 1}, false);
    assertArrayEquals(x.v, y.v);
  }

  @Test
  void dilatedConvSkipsRows() {
    // 1x2 kernel [1, 1] with dilation 2 on a 1x5 row: y[j] = x[j] + x[j + 2].
    Nd y =
        ConvOpsTest.conv(
            arange(1, 1, 5, 1),
            ones(1, 2, 1, 1),
            new int[] {1, 1},
            Padding.VALID,
            new int[] {1, 2},
            false);
    assertArrayEquals(new double[] {2, 4, 6}, y.v);
  }

  @Test
  void depthwiseChannelOrderIsChannelMajor() {
    // 1x1 kernel, 2 channels, multiplier 2: output channel c * 2 + m = x[c] * w[c, m].
    Nd w = new Nd(new double[] {1, 10, 100, 1000}, 1, 1, 2, 2);
    Nd x = new Nd(new double[] {2, 3}, 1, 1, 1, 2);
    Nd y = ConvOpsTest.conv(x, w, new int[] {1, 1}, Padding.VALID, new int[] {1, 1}, true);
    assertArrayEquals(new double[] {2, 20, 300, 3000}, y.v);
  }

  @Test
  void poolsExcludePadding() {
    Nd x = arange(1, 4, 4, 1);
    int[] k = {3, 3};
    int[] s = {2, 2};
    assertArrayEquals(
        new double[] {10, 11, 14, 15}, ConvOpsTest.pool(x, k, s, Padding.SAME, true).v);
    // Windows of 9, 6, 6 and 4 in-bounds elements.
    assertArrayEquals(
        new double[] {45 / 9.0, 39 / 6.0, 66 / 6.0, 50 / 4.0},
        ConvOpsTest.pool(x, k, s, Padding.SAME, false).v);
    assertArrayEquals(
        new double[] {5, 7, 13, 15},
        ConvOpsTest.pool(x, new int[] {2, 2}, s, Padding.VALID, true).v);
  }
}
