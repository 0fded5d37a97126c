package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.graft.autodiff.GradientTape;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * conv2d, depthwiseConv2d, maxPool2d and avgPool2d (NHWC) against naive loops over output
 * positions, forward and backward, with TensorFlow's 'same' padding rule (extra padding at the
 * end). Validation errors are tested in {@link OpErrorsTest}, which runs without the kernels.
 */
class ConvOpsTest {

  /** Output size and leading padding of one spatial axis, TensorFlow's rule. */
  private static int[] axis(int in, int k, int stride, int dilation, Padding padding) {
    int span = (k - 1) * dilation + 1;
    if (padding == Padding.VALID) {
      return new int[] {(in - span) / stride + 1, 0};
    }
    int out = (in + stride - 1) / stride;
    int total = Math.max(0, (out - 1) * stride + span - in);
    return new int[] {out, total / 2};
  }

  /** conv2d when {@code depthwise} is false, else depthwise (out channel = c * mult + m). */
  static Nd conv(Nd x, Nd w, int[] s, Padding padding, int[] d, boolean depthwise) {
    int b = x.shape[0];
    int c = x.shape[3];
    int kh = w.shape[0];
    int kw = w.shape[1];
    int[] ah = axis(x.shape[1], kh, s[0], d[0], padding);
    int[] aw = axis(x.shape[2], kw, s[1], d[1], padding);
    int outC = depthwise ? c * w.shape[3] : w.shape[3];
    Nd y = Nd.zeros(b, ah[0], aw[0], outC);
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < ah[0]; i++) {
        for (int j = 0; j < aw[0]; j++) {
          for (int o = 0; o < outC; o++) {
            double acc = 0;
            for (int p = 0; p < kh; p++) {
              for (int q = 0; q < kw; q++) {
                int r = i * s[0] + p * d[0] - ah[1];
                int t = j * s[1] + q * d[1] - aw[1];
                if (r < 0 || r >= x.shape[1] || t < 0 || t >= x.shape[2]) {
                  continue;
                }
                if (depthwise) {
                  int mult = w.shape[3];
                  acc += x.get(n, r, t, o / mult) * w.get(p, q, o / mult, o % mult);
                } else {
                  for (int ch = 0; ch < c; ch++) {
                    acc += x.get(n, r, t, ch) * w.get(p, q, ch, o);
                  }
                }
              }
            }
            y.set(acc, n, i, j, o);
          }
        }
      }
    }
    return y;
  }

  /** Max or mean over the in-bounds elements of each window. */
  static Nd pool(Nd x, int[] k, int[] s, Padding padding, boolean max) {
    int[] ah = axis(x.shape[1], k[0], s[0], 1, padding);
    int[] aw = axis(x.shape[2], k[1], s[1], 1, padding);
    Nd y = Nd.zeros(x.shape[0], ah[0], aw[0], x.shape[3]);
    Nd.forEachIndex(
        y.shape,
        idx -> {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int count = 0;
          for (int p = 0; p < k[0]; p++) {
            for (int q = 0; q < k[1]; q++) {
              int r = idx[1] * s[0] + p - ah[1];
              int t = idx[2] * s[1] + q - aw[1];
              if (r >= 0 && r < x.shape[1] && t >= 0 && t < x.shape[2]) {
                double v = x.get(idx[0], r, t, idx[3]);
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
          }
          y.set(max ? acc : acc / count, idx);
        });
    return y;
  }

  static Stream<Arguments> convCases() {
    // x shape, kernel shape, strides, padding, dilation
    return Stream.of(
        Arguments.of(
            new int[] {1, 5, 5, 1},
            new int[] {3, 3, 1, 1},
            new int[] {1, 1},
            Padding.VALID,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {2, 7, 6, 3},
            new int[] {3, 3, 3, 4},
            new int[] {1, 1},
            Padding.SAME,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {2, 7, 7, 2},
            new int[] {3, 3, 2, 3},
            new int[] {2, 2},
            Padding.SAME,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {1, 8, 8, 2},
            new int[] {2, 2, 2, 3},
            new int[] {2, 2},
            Padding.SAME,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {1, 9, 7, 2},
            new int[] {3, 3, 2, 2},
            new int[] {2, 1},
            Padding.VALID,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {1, 9, 9, 2},
            new int[] {3, 3, 2, 2},
            new int[] {1, 1},
            Padding.SAME,
            new int[] {2, 2}),
        Arguments.of(
            new int[] {1, 9, 8, 2},
            new int[] {3, 2, 2, 2},
            new int[] {1, 1},
            Padding.VALID,
            new int[] {2, 3}),
        Arguments.of(
            new int[] {2, 4, 5, 3},
            new int[] {1, 1, 3, 5},
            new int[] {1, 1},
            Padding.VALID,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {1, 6, 5, 3},
            new int[] {2, 3, 3, 2},
            new int[] {1, 1},
            Padding.SAME,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {1, 1, 1, 4},
            new int[] {3, 3, 4, 2},
            new int[] {1, 1},
            Padding.SAME,
            new int[] {1, 1}),
        Arguments.of(
            new int[] {2, 13, 11, 5},
            new int[] {3, 3, 5, 33},
            new int[] {1, 1},
            Padding.SAME,
            new int[] {1, 1}));
  }

  @ParameterizedTest
  @MethodSource("convCases")
  void conv2d(int[] xs, int[] ws, int[] strides, Padding padding, int[] dilation) {
    Rng rng = new Rng(51);
    OpCheck.op(
            "conv2d",
            in -> Ops.conv2d(in[0], in[1], strides, padding, dilation),
            in -> conv(in[0], in[1], strides, padding, dilation, false))
        .fwdTol(1e-5, 1e-5)
        .check(rng.uniform(-1f, 1f, xs), rng.uniform(-1f, 1f, ws));
  }

  @ParameterizedTest
  @MethodSource("convCases")
  void depthwiseConv2d(int[] xs, int[] ws, int[] strides, Padding padding, int[] dilation) {
    Rng rng = new Rng(52);
    int mult = Math.min(ws[3], 3);
    int[] kernel = {ws[0], ws[1], xs[3], mult};
    OpCheck.op(
            "depthwiseConv2d",
            in -> Ops.depthwiseConv2d(in[0], in[1], strides, padding, dilation),
            in -> conv(in[0], in[1], strides, padding, dilation, true))
        .check(rng.uniform(-1f, 1f, xs), rng.uniform(-1f, 1f, kernel));
  }

  @Test
  void convOnNonContiguousInput() {
    Rng rng = new Rng(53);
    // (1, 6, 5, 2) built as a transposed view of (1, 5, 6, 2).
    Tensor x = Ops.transpose(rng.uniform(-1f, 1f, 1, 5, 6, 2), 0, 2, 1, 3);
    Tensor w = Ops.transpose(rng.uniform(-1f, 1f, 3, 3, 3, 2), 0, 1, 3, 2); // (3, 3, 2, 3)
    int[] one = {1, 1};
    OpCheck.op(
            "conv2d views",
            in -> Ops.conv2d(in[0], in[1], one, Padding.SAME, one),
            in -> conv(in[0], in[1], one, Padding.SAME, one, false))
        .check(x, w);
    OpCheck.op(
            "maxPool2d view",
            in -> Ops.maxPool2d(in[0], new int[] {2, 2}, new int[] {2, 2}, Padding.SAME),
            in -> pool(in[0], new int[] {2, 2}, new int[] {2, 2}, Padding.SAME, true))
        .check(Ops.transpose(ReduceOpsTest.distinct(rng, 1, 5, 6, 2), 0, 2, 1, 3));
  }

  static Stream<Arguments> poolCases() {
    // x shape, pool, strides, padding
    return Stream.of(
        Arguments.of(new int[] {1, 4, 4, 1}, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID),
        Arguments.of(new int[] {2, 7, 7, 3}, new int[] {3, 3}, new int[] {2, 2}, Padding.SAME),
        Arguments.of(new int[] {2, 7, 6, 3}, new int[] {3, 3}, new int[] {1, 1}, Padding.SAME),
        Arguments.of(new int[] {1, 5, 9, 2}, new int[] {2, 3}, new int[] {1, 2}, Padding.VALID),
        Arguments.of(new int[] {1, 6, 6, 2}, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME),
        Arguments.of(new int[] {1, 5, 5, 33}, new int[] {3, 3}, new int[] {2, 2}, Padding.VALID),
        Arguments.of(new int[] {1, 1, 1, 2}, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME));
  }

  @ParameterizedTest
  @MethodSource("poolCases")
  void maxPool2d(int[] xs, int[] k, int[] s, Padding padding) {
    // Distinct values: no ties, so finite differences are well defined.
    Tensor x = ReduceOpsTest.distinct(new Rng(54), xs);
    OpCheck.op(
            "maxPool2d",
            in -> Ops.maxPool2d(in[0], k, s, padding),
            in -> pool(in[0], k, s, padding, true))
        .check(x);
  }

  @ParameterizedTest
  @MethodSource("poolCases")
  void avgPool2d(int[] xs, int[] k, int[] s, Padding padding) {
    Tensor x = new Rng(55).uniform(-1f, 1f, xs);
    OpCheck.op(
            "avgPool2d",
            in -> Ops.avgPool2d(in[0], k, s, padding),
            in -> pool(in[0], k, s, padding, false))
        .check(x);
  }

  @Test
  void maxPoolGradientGoesToTheFirstMaximumOfAWindow() {
    // One 2x2 window with a tie between (0, 1) and (1, 0): the kernel contract is "first".
    Tensor x = Tensor.of(new float[] {1, 5, 5, 2}, 1, 2, 2, 1);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor y = Ops.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
      assertArrayEquals(new float[] {0, 1, 0, 0}, tape.gradient(Ops.sum(y), x).toFloatArray());
    }
  }
}
