package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reductions, argmax, softmax and logSoftmax: forward and backward against double references. */
class ReduceOpsTest {

  /** Distinct values (shuffled multiples of 0.01), so max/min have no ties and no kinks. */
  static Tensor distinct(Rng rng, int... shape) {
    int n = Nd.sizeOf(shape);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i - n / 2) * 0.01f;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
    return Tensor.of(v, shape);
  }

  static Stream<Arguments> axisCases() {
    return Stream.of(
        Arguments.of(new int[] {2, 3, 4}, new int[] {0}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {1}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {2}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {-1}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {-3}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {0, 2}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {-1, 0}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {0, 1, 2}),
        Arguments.of(new int[] {36, 30, 33}, new int[] {0, 1}),
        Arguments.of(new int[] {7}, new int[] {0}),
        Arguments.of(new int[] {1}, new int[] {0}),
        Arguments.of(new int[] {1, 31}, new int[] {0}),
        Arguments.of(new int[] {1, 31}, new int[] {1}),
        Arguments.of(new int[] {13, 7}, new int[] {0}),
        Arguments.of(new int[] {33, 17}, new int[] {1}),
        Arguments.of(new int[] {5, 1, 100}, new int[] {1, 2}),
        // More than 32768 elements: the parallel path, over long and short rows.
        Arguments.of(new int[] {300, 120}, new int[] {1}),
        Arguments.of(new int[] {300, 120}, new int[] {0}),
        Arguments.of(new int[] {3, 11000}, new int[] {-1}));
  }

  private static boolean isLarge(int[] shape) {
    return Nd.sizeOf(shape) > 1000;
  }

  @ParameterizedTest
  @MethodSource("axisCases")
  void sumMaxMin(int[] shape, int[] axes) {
    Rng rng = new Rng(7);
    double atol = isLarge(shape) ? 1e-4 : 1e-5;
    for (boolean keep : new boolean[] {false, true}) {
      Tensor x = rng.uniform(-1f, 1f, shape);
      OpCheck.op(
              "sum", in -> Ops.sum(in[0], keep, axes), in -> in[0].reduce(Nd.Red.SUM, keep, axes))
          .fwdTol(1e-5, atol)
          .check(x);
      Tensor d = distinct(rng, shape);
      OpCheck.op(
              "max", in -> Ops.max(in[0], keep, axes), in -> in[0].reduce(Nd.Red.MAX, keep, axes))
          .check(d);
      OpCheck.op(
              "min", in -> Ops.min(in[0], keep, axes), in -> in[0].reduce(Nd.Red.MIN, keep, axes))
          .check(d);
    }
  }

  @ParameterizedTest
  @MethodSource("axisCases")
  void meanVarianceLogSumExp(int[] shape, int[] axes) {
    Rng rng = new Rng(8);
    double atol = isLarge(shape) ? 1e-4 : 1e-5;
    for (boolean keep : new boolean[] {false, true}) {
      Tensor x = rng.uniform(-2f, 2f, shape);
      OpCheck.op("mean", in -> Ops.mean(in[0], keep, axes), in -> mean(in[0], keep, axes))
          .fwdTol(1e-5, atol)
          .check(x);
      OpCheck.op(
              "variance", in -> Ops.variance(in[0], keep, axes), in -> variance(in[0], keep, axes))
          .fwdTol(1e-4, atol)
          .check(x);
      OpCheck.op(
              "logSumExp",
              in -> Ops.logSumExp(in[0], keep, axes),
              in -> logSumExp(in[0], keep, axes))
          .fwdTol(1e-5, atol)
          .check(x);
    }
  }

  @Test
  void reduceAllAxes() {
    Rng rng = new Rng(9);
    for (int[] shape : new int[][] {{}, {1}, {7}, {3, 5}, {2, 3, 4}, {190, 181}}) {
      double atol = isLarge(shape) ? 3e-4 : 1e-5;
      Tensor x = rng.uniform(-1f, 1f, shape);
      OpCheck.op("sum all", in -> Ops.sum(in[0]), in -> Nd.scalar(in[0].sumAll()))
          .fwdTol(1e-5, atol)
          .check(x);
      OpCheck.op("mean all", in -> Ops.mean(in[0]), in -> Nd.scalar(in[0].sumAll() / in[0].size()))
          .fwdTol(1e-5, 1e-5)
          .check(x);
    }
  }

  @Test
  void reductionsOfNonContiguousViews() {
    Rng rng = new Rng(10);
    Tensor t = Ops.transpose(rng.uniform(-1f, 1f, 6, 5, 4), 2, 0, 1); // (4, 6, 5)
    Tensor s = Ops.slice(rng.uniform(-1f, 1f, 9, 8), new int[] {2, 1}, new int[] {5, 6});
    Tensor big = Ops.transpose(rng.uniform(-1f, 1f, 181, 190)); // (190, 181)
    for (Tensor x : new Tensor[] {t, s, big}) {
      int[] axes = {-1};
      double atol = isLarge(x.shape().dims()) ? 1e-4 : 1e-5;
      OpCheck.op(
              "sum", in -> Ops.sum(in[0], false, axes), in -> in[0].reduce(Nd.Red.SUM, false, axes))
          .fwdTol(1e-5, atol)
          .check(x);
      OpCheck.op(
              "sum axis 0", in -> Ops.sum(in[0], true, 0), in -> in[0].reduce(Nd.Red.SUM, true, 0))
          .fwdTol(1e-5, atol)
          .check(x);
      OpCheck.op("max", in -> Ops.max(in[0], false, 0), in -> in[0].reduce(Nd.Red.MAX, false, 0))
          .forwardOnly()
          .check(x);
      OpCheck.op("variance", in -> Ops.variance(in[0], false, 0), in -> variance(in[0], false, 0))
          .fwdTol(1e-4, atol)
          .check(x);
    }
  }

  @Test
  void maxAndMinTiesShareTheGradientEqually() {
    Tensor x = Tensor.of(new float[] {1, 3, 3, 2, 2, 2, -1, 0, 5}, 3, 3);
    float[] expectMax = {0, 0.5f, 0.5f, 1 / 3f, 1 / 3f, 1 / 3f, 0, 0, 1};
    float[] expectMin = {1, 0, 0, 1 / 3f, 1 / 3f, 1 / 3f, 1, 0, 0};
    assertArrayEquals(expectMax, grad(x, t -> Ops.max(t, false, 1)), 1e-7f);
    assertArrayEquals(expectMin, grad(x, t -> Ops.min(t, false, 1)), 1e-7f);
    // Over all axes, a four-way tie.
    Tensor y = Tensor.of(new float[] {4, 1, 4, 4, 0, 4}, 2, 3);
    assertArrayEquals(
        new float[] {0.25f, 0, 0.25f, 0.25f, 0, 0.25f},
        grad(y, t -> Ops.max(t, false, 0, 1)),
        1e-7f);
    // The upstream gradient is scaled, not just counted.
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor m = Ops.max(x, true, 1); // (3, 1)
      Tensor loss = Ops.sum(Ops.mul(m, Tensor.of(new float[] {2, 3, 4}, 3, 1)));
      float[] g = tape.gradient(loss, x).toFloatArray();
      assertArrayEquals(new float[] {0, 1, 1, 1, 1, 1, 0, 0, 4}, g, 1e-6f);
    }
  }

  /** The gradient of {@code sum(f(x))} with respect to x. */
  private static float[] grad(Tensor x, java.util.function.UnaryOperator<Tensor> f) {
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      return tape.gradient(Ops.sum(f.apply(x)), x).toFloatArray();
    }
  }

  @Test
  void argmaxTakesTheFirstOnTies() {
    Tensor x = Tensor.of(new float[] {1, 5, 5, 0, 7, 7, 7, 2, -1, 7, -3, 2}, 3, 4);
    assertArrayEquals(new float[] {1, 0, 1}, Ops.argmax(x, 1).toFloatArray());
    assertArrayEquals(new float[] {1, 0, 1}, Ops.argmax(x, -1).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1, 1}, Ops.argmax(x, 0).toFloatArray());
    assertArrayEquals(new int[] {4}, Ops.argmax(x, 0).shape().dims());
  }

  @Test
  void argmaxMatchesANaiveScan() {
    Rng rng = new Rng(12);
    for (int[] shape : new int[][] {{7}, {13, 31}, {2, 17, 3}, {3, 100, 5}}) {
      // Few distinct values: many ties.
      float[] v = new float[Nd.sizeOf(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = rng.nextInt(4);
      }
      Tensor x = Tensor.of(v, shape);
      for (int axis = -shape.length; axis < shape.length; axis++) {
        int a = axis < 0 ? axis + shape.length : axis;
        OpCheck.assertClose("argmax axis " + axis, Ops.argmax(x, axis), argmax(Nd.of(x), a), 0, 0);
      }
      Tensor t = Ops.transpose(x);
      OpCheck.assertClose("argmax transposed", Ops.argmax(t, 0), argmax(Nd.of(t), 0), 0, 0);
    }
  }

  private static Nd argmax(Nd x, int axis) {
    int[] outShape = new int[x.rank() - 1];
    for (int i = 0, o = 0; i < x.rank(); i++) {
      if (i != axis) {
        outShape[o++] = x.shape[i];
      }
    }
    Nd out = Nd.zeros(outShape);
    int[] src = new int[x.rank()];
    int[] k = {0};
    Nd.forEachIndex(
        outShape,
        idx -> {
          for (int i = 0, o = 0; i < x.rank(); i++) {
            src[i] = i == axis ? 0 : idx[o++];
          }
          int best = 0;
          double bestV = x.get(src);
          for (int j = 1; j < x.shape[axis]; j++) {
            src[axis] = j;
            if (x.get(src) > bestV) {
              bestV = x.get(src);
              best = j;
            }
          }
          out.v[k[0]++] = best;
        });
    return out;
  }

  static Stream<Arguments> softmaxCases() {
    return Stream.of(
        Arguments.of(new int[] {5}, 0, 0f),
        Arguments.of(new int[] {3, 7}, -1, 0f),
        Arguments.of(new int[] {3, 7}, 0, 0f),
        Arguments.of(new int[] {2, 3, 4}, 1, 0f),
        Arguments.of(new int[] {4, 1}, 1, 0f),
        Arguments.of(new int[] {2, 33}, 1, 0f),
        Arguments.of(new int[] {3, 13}, 1, 1000f),
        Arguments.of(new int[] {3, 13}, 1, -1000f),
        Arguments.of(new int[] {40, 1000}, 1, 0f));
  }

  @ParameterizedTest
  @MethodSource("softmaxCases")
  void softmaxAndLogSoftmax(int[] shape, int axis, float shift) {
    Rng rng = new Rng(13);
    Tensor x = Ops.add(rng.uniform(-3f, 3f, shape), Tensor.scalar(shift));
    OpCheck.op("softmax", in -> Ops.softmax(in[0], axis), in -> softmax(in[0], axis))
        .fwdTol(1e-5, 1e-6)
        .check(x);
    // logSoftmax of values near +-1000: absolute float resolution there is ~6e-5.
    double atol = shift == 0 ? 1e-5 : 2e-4;
    OpCheck.op(
            "logSoftmax",
            in -> Ops.logSoftmax(in[0], axis),
            in -> Nd.zip(in[0], logSumExp(in[0], true, axis), (a, b) -> a - b))
        .fwdTol(1e-5, atol)
        .check(x);
  }

  @Test
  void softmaxOfExtremeValuesIsFinite() {
    Tensor x = Tensor.of(new float[] {1000f, -1000f, 0f, 1000f, 1000f, 999f}, 2, 3);
    float[] s = Ops.softmax(x, 1).toFloatArray();
    assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOf(s, 3), 1e-6f);
    double e = Math.exp(-1);
    assertEquals(1 / (2 + e), s[3], 1e-6);
    assertEquals(e / (2 + e), s[5], 1e-6);
    float[] ls = Ops.logSoftmax(x, 1).toFloatArray();
    assertEquals(0f, ls[0], 1e-6f);
    assertEquals(-2000f, ls[1], 1e-3f);
    for (float v : ls) {
      assertTrue(Float.isFinite(v));
    }
    // A slice of all -inf gives -inf, not NaN.
    Tensor inf =
        Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 0, 1}, 2, 2);
    float[] lse = Ops.logSumExp(inf, false, 1).toFloatArray();
    assertEquals(Float.NEGATIVE_INFINITY, lse[0]);
    assertEquals(Math.log(1 + Math.E), lse[1], 1e-6);
  }

  @Test
  void globalPools() {
    Rng rng = new Rng(14);
    Tensor x = distinct(rng, 2, 3, 5, 4);
    OpCheck.op("globalAvgPool2d", in -> Ops.globalAvgPool2d(in[0]), in -> mean(in[0], false, 1, 2))
        .check(x);
    OpCheck.op(
            "globalMaxPool2d",
            in -> Ops.globalMaxPool2d(in[0]),
            in -> in[0].reduce(Nd.Red.MAX, false, 1, 2))
        .check(x);
  }

  // ---- references ----

  static Nd mean(Nd x, boolean keep, int... axes) {
    Nd s = x.reduce(Nd.Red.SUM, keep, axes);
    double n = (double) x.size() / s.size();
    return s.map(v -> v / n);
  }

  static Nd variance(Nd x, boolean keep, int... axes) {
    Nd m = mean(x, true, axes);
    Nd sq = Nd.zip(x, m, (a, b) -> (a - b) * (a - b));
    return mean(sq, keep, axes);
  }

  static Nd logSumExp(Nd x, boolean keep, int... axes) {
    Nd m = x.reduce(Nd.Red.MAX, true, axes);
    Nd e = Nd.zip(x, m, (a, b) -> Math.exp(a - b));
    Nd lse = Nd.zip(e.reduce(Nd.Red.SUM, true, axes), m, (s, b) -> Math.log(s) + b);
    return keep ? lse : new Nd(lse.v, x.reduce(Nd.Red.SUM, false, axes).shape);
  }

  static Nd softmax(Nd x, int axis) {
    Nd m = x.reduce(Nd.Red.MAX, true, axis);
    Nd e = Nd.zip(x, m, (a, b) -> Math.exp(a - b));
    return Nd.zip(e, e.reduce(Nd.Red.SUM, true, axis), (a, b) -> a / b);
  }
}
