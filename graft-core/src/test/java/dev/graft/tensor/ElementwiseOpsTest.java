package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.graft.autodiff.GradientTape;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binary ops with broadcasting, comparisons, where, and every unary op: forward and backward. */
class ElementwiseOpsTest {

  /** A binary op, its reference, and how to draw each operand away from trouble spots. */
  private record Binary(
      String name,
      BinaryOperator<Tensor> op,
      DoubleBinaryOperator ref,
      InputGen genA,
      InputGen genB) {}

  @FunctionalInterface
  private interface InputGen {
    Tensor draw(Rng rng, int[] shape);
  }

  private static Tensor plain(Rng rng, int[] shape) {
    return rng.uniform(-2f, 2f, shape);
  }

  /** Magnitudes in [0.5, 2] with random signs: safe divisors. */
  private static Tensor awayFromZero(Rng rng, int[] shape) {
    float[] v = rng.uniform(0.5f, 2f, shape).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextDouble() < 0.5 ? -v[i] : v[i];
    }
    return Tensor.of(v, shape);
  }

  /** Multiples of 0.01 in [-2, 2]; with {@link #offGrid} no pair ties (no kink for max/min). */
  private static Tensor onGrid(Rng rng, int[] shape) {
    float[] v = new float[Nd.sizeOf(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (rng.nextInt(401) - 200) / 100f;
    }
    return Tensor.of(v, shape);
  }

  /** Multiples of 0.01 plus 0.005: at least 0.005 from every {@link #onGrid} value. */
  private static Tensor offGrid(Rng rng, int[] shape) {
    float[] v = onGrid(rng, shape).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] += 0.005f;
    }
    return Tensor.of(v, shape);
  }

  private static final List<Binary> BINARY =
      List.of(
          new Binary(
              "add", Ops::add, Double::sum, ElementwiseOpsTest::plain, ElementwiseOpsTest::plain),
          new Binary(
              "sub",
              Ops::sub,
              (a, b) -> a - b,
              ElementwiseOpsTest::plain,
              ElementwiseOpsTest::plain),
          new Binary(
              "mul",
              Ops::mul,
              (a, b) -> a * b,
              ElementwiseOpsTest::plain,
              ElementwiseOpsTest::plain),
          new Binary(
              "div",
              Ops::div,
              (a, b) -> a / b,
              ElementwiseOpsTest::plain,
              ElementwiseOpsTest::awayFromZero),
          new Binary(
              "pow",
              Ops::pow,
              Math::pow,
              (rng, s) -> rng.uniform(0.5f, 2f, s),
              (rng, s) -> rng.uniform(-2f, 2f, s)),
          new Binary(
              "maximum",
              Ops::maximum,
              Math::max,
              ElementwiseOpsTest::onGrid,
              ElementwiseOpsTest::offGrid),
          new Binary(
              "minimum",
              Ops::minimum,
              Math::min,
              ElementwiseOpsTest::offGrid,
              ElementwiseOpsTest::onGrid));

  static Stream<Arguments> broadcastPatterns() {
    return Stream.of(
        Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
        Arguments.of(new int[] {3, 4}, new int[] {}),
        Arguments.of(new int[] {}, new int[] {3, 4}),
        Arguments.of(new int[] {3, 1}, new int[] {1, 4}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {4}),
        Arguments.of(new int[] {4}, new int[] {2, 3, 4}),
        Arguments.of(new int[] {2, 1, 4}, new int[] {3, 1}),
        Arguments.of(new int[] {}, new int[] {}),
        Arguments.of(new int[] {1}, new int[] {1, 1}),
        Arguments.of(new int[] {7, 13}, new int[] {13}),
        Arguments.of(new int[] {31, 1}, new int[] {1, 17}),
        Arguments.of(new int[] {33}, new int[] {33}),
        Arguments.of(new int[] {100}, new int[] {1}),
        Arguments.of(new int[] {5, 1, 3, 1}, new int[] {1, 4, 1, 2}),
        // More than 32768 outputs: the parallel path.
        Arguments.of(new int[] {200, 170}, new int[] {170}),
        Arguments.of(new int[] {181, 1}, new int[] {1, 191}),
        Arguments.of(new int[] {34000}, new int[] {34000}));
  }

  @ParameterizedTest
  @MethodSource("broadcastPatterns")
  void binaryOpsBroadcast(int[] shapeA, int[] shapeB) {
    Rng rng = new Rng(17);
    for (Binary b : BINARY) {
      Tensor a = b.genA().draw(rng, shapeA);
      Tensor c = b.genB().draw(rng, shapeB);
      OpCheck.op(b.name(), in -> b.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], b.ref()))
          .check(a, c);
    }
  }

  @Test
  void binaryOpsOnNonContiguousViews() {
    Rng rng = new Rng(3);
    // A transposed view (5, 7) and a slice (5, 7) of a larger tensor, and a broadcast row slice.
    Tensor a = Ops.transpose(rng.uniform(0.5f, 2f, 7, 5));
    Tensor c = Ops.slice(awayFromZero(rng, new int[] {9, 11}), new int[] {2, 3}, new int[] {5, 7});
    Tensor row = Ops.slice(rng.uniform(0.5f, 2f, 3, 9), new int[] {1, 2}, new int[] {1, 7});
    for (Binary b : BINARY) {
      OpCheck.op(b.name(), in -> b.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], b.ref()))
          .check(a, c);
      OpCheck.op(b.name(), in -> b.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], b.ref()))
          .check(row, a);
    }
    // Large transposed operands take the parallel strided path.
    Tensor big = Ops.transpose(rng.uniform(-1f, 1f, 190, 180));
    Tensor big2 = rng.uniform(-1f, 1f, 180, 190);
    OpCheck.op("mul", in -> Ops.mul(in[0], in[1]), in -> Nd.zip(in[0], in[1], (x, y) -> x * y))
        .check(big, big2);
  }

  @Test
  void sameTensorOnBothSidesAccumulates() {
    Tensor x = Tensor.vector(1.5f, -2f, 3f);
    OpCheck.op("mul", in -> Ops.mul(in[0], in[0]), in -> in[0].map(v -> v * v)).check(x);
    OpCheck.op("add", in -> Ops.add(in[0], in[0]), in -> in[0].map(v -> 2 * v)).check(x);
  }

  @Test
  void comparisons() {
    Rng rng = new Rng(5);
    // Small integers so that ties are common.
    Tensor a = Ops.reshape(intTensor(rng, 3, 24), 2, 3, 4);
    Tensor b = intTensor(rng, 3, 4);
    Tensor col = Ops.reshape(intTensor(rng, 3, 3), 3, 1);
    Tensor row = Ops.reshape(intTensor(rng, 3, 4), 1, 4);
    record Cmp(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref) {}
    List<Cmp> cmps =
        List.of(
            new Cmp("equal", Ops::equal, (x, y) -> x == y ? 1 : 0),
            new Cmp("notEqual", Ops::notEqual, (x, y) -> x != y ? 1 : 0),
            new Cmp("less", Ops::less, (x, y) -> x < y ? 1 : 0),
            new Cmp("lessEqual", Ops::lessEqual, (x, y) -> x <= y ? 1 : 0),
            new Cmp("greater", Ops::greater, (x, y) -> x > y ? 1 : 0),
            new Cmp("greaterEqual", Ops::greaterEqual, (x, y) -> x >= y ? 1 : 0));
    for (Cmp c : cmps) {
      // Comparisons are forward-only: the backward check asserts both gradients are null.
      OpCheck.op(c.name(), in -> c.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], c.ref()))
          .noGrad(0, 1)
          .check(a, b);
      OpCheck.op(c.name(), in -> c.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], c.ref()))
          .noGrad(0, 1)
          .check(col, row);
      OpCheck.op(c.name(), in -> c.op().apply(in[0], in[1]), in -> Nd.zip(in[0], in[1], c.ref()))
          .noGrad(0, 1)
          .check(Tensor.scalar(1), b);
    }
  }

  private static Tensor intTensor(Rng rng, int bound, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextInt(bound);
    }
    return Tensor.vector(v);
  }

  static Stream<Arguments> wherePatterns() {
    return Stream.of(
        Arguments.of(new int[] {3, 4}, new int[] {3, 4}, new int[] {3, 4}),
        Arguments.of(new int[] {3, 4}, new int[] {3, 1}, new int[] {4}),
        Arguments.of(new int[] {3, 1}, new int[] {}, new int[] {3, 4}),
        Arguments.of(new int[] {2, 1, 5}, new int[] {3, 1}, new int[] {1}),
        Arguments.of(new int[] {}, new int[] {7}, new int[] {7}),
        Arguments.of(new int[] {200, 170}, new int[] {200, 170}, new int[] {170}));
  }

  @ParameterizedTest
  @MethodSource("wherePatterns")
  void whereForwardAndGradientToBothBranches(int[] shapeC, int[] shapeA, int[] shapeB) {
    Rng rng = new Rng(11);
    float[] cv = new float[Nd.sizeOf(shapeC)];
    for (int i = 0; i < cv.length; i++) {
      // Any nonzero value means true.
      cv[i] = rng.nextDouble() < 0.5 ? 0f : (rng.nextDouble() < 0.5 ? 1f : -3f);
    }
    Tensor cond = Tensor.of(cv, shapeC);
    OpCheck.op(
            "where",
            in -> Ops.where(in[0], in[1], in[2]),
            in -> Nd.zip3(in[0], in[1], in[2], (c, x, y) -> c != 0 ? x : y))
        .noGrad(0)
        .check(cond, rng.uniform(-1f, 1f, shapeA), rng.uniform(-1f, 1f, shapeB));
  }

  @Test
  void maximumAndMinimumTiesGoToTheFirstOperand() {
    Tensor a = Tensor.vector(1f, 2f, 3f);
    Tensor b = Tensor.vector(1f, 5f, 0f);
    for (boolean max : new boolean[] {true, false}) {
      try (GradientTape tape = GradientTape.open()) {
        tape.watch(a, b);
        Tensor y = max ? Ops.maximum(a, b) : Ops.minimum(a, b);
        List<Tensor> g = tape.gradient(Ops.sum(y), List.of(a, b));
        // Each output's unit gradient goes to exactly one operand; the tie (index 0) to a.
        float[] ga = g.get(0).toFloatArray();
        float[] gb = g.get(1).toFloatArray();
        assertEquals(1f, ga[0]);
        assertEquals(0f, gb[0]);
        for (int i = 0; i < 3; i++) {
          assertEquals(1f, ga[i] + gb[i]);
        }
      }
    }
  }

  @Test
  void powAtAZeroBaseHasFiniteGradients() {
    // d(a^b)/db = a^b log(a) is taken as 0 at a == 0 (as TensorFlow), not NaN.
    Tensor a = Tensor.vector(0f, 2f);
    Tensor b = Tensor.vector(2f, 3f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(a, b);
      Tensor y = Ops.pow(a, b);
      assertEquals(List.of(0f, 8f), values(y));
      List<Tensor> g = tape.gradient(Ops.sum(y), List.of(a, b));
      assertEquals(List.of(0f, 12f), values(g.get(0)));
      assertEquals(0f, g.get(1).get(0));
      assertEquals(8 * Math.log(2), g.get(1).get(1), 1e-5);
    }
  }

  // ---- unary ----

  private record Unary(
      String name,
      UnaryOperator<Tensor> op,
      DoubleUnaryOperator ref,
      float low,
      float high,
      float[] kinks) {}

  private static Unary u(
      String name,
      UnaryOperator<Tensor> op,
      DoubleUnaryOperator ref,
      float low,
      float high,
      float... kinks) {
    return new Unary(name, op, ref, low, high, kinks);
  }

  private static final List<Unary> UNARY =
      List.of(
          u("neg", Ops::neg, x -> -x, -3, 3),
          u("abs", Ops::abs, Math::abs, -3, 3, 0),
          u("exp", Ops::exp, Math::exp, -4, 4),
          u("log", Ops::log, Math::log, 0.1f, 5),
          u("log1p", Ops::log1p, Math::log1p, -0.5f, 5),
          u("sqrt", Ops::sqrt, Math::sqrt, 0.1f, 5),
          u("rsqrt", Ops::rsqrt, x -> 1 / Math.sqrt(x), 0.2f, 5),
          u("square", Ops::square, x -> x * x, -3, 3),
          u("pow 2.5", x -> Ops.pow(x, 2.5f), x -> Math.pow(x, 2.5), 0.1f, 3),
          u("pow -1.5", x -> Ops.pow(x, -1.5f), x -> Math.pow(x, -1.5), 0.3f, 3),
          u("pow 3", x -> Ops.pow(x, 3f), x -> x * x * x, -2, 2),
          u("pow 0", x -> Ops.pow(x, 0f), x -> 1, -2, 2),
          u("tanh", Ops::tanh, Math::tanh, -4, 4),
          u("sigmoid", Ops::sigmoid, RefMath::sigmoid, -8, 8),
          u("softplus", Ops::softplus, RefMath::softplus, -8, 8),
          u("softplus large", Ops::softplus, RefMath::softplus, 20, 90),
          u("softplus very negative", Ops::softplus, RefMath::softplus, -90, -20),
          u("relu", Ops::relu, x -> Math.max(x, 0), -3, 3, 0),
          u(
              "relu max 2.5",
              x -> Ops.relu(x, 2.5f),
              x -> Math.min(Math.max(x, 0), 2.5),
              -3,
              4,
              0,
              2.5f),
          u("relu6", Ops::relu6, x -> Math.min(Math.max(x, 0), 6), -3, 9, 0, 6),
          u("leakyRelu", x -> Ops.leakyRelu(x, 0.2f), x -> x > 0 ? x : 0.2 * x, -3, 3, 0),
          u("elu", x -> Ops.elu(x, 1.5f), x -> x > 0 ? x : 1.5 * (Math.exp(x) - 1), -4, 3, 0),
          u("gelu", Ops::gelu, RefMath::gelu, -5, 5),
          u("swish", Ops::swish, x -> x * RefMath.sigmoid(x), -6, 6),
          u("clip", x -> Ops.clip(x, -1f, 2f), x -> Math.min(Math.max(x, -1), 2), -3, 3, -1, 2));

  static Stream<int[]> unaryShapes() {
    return Stream.of(
        new int[] {},
        new int[] {1},
        new int[] {7},
        new int[] {3, 5},
        new int[] {13, 1, 3},
        new int[] {33},
        new int[] {100},
        new int[] {185, 181});
  }

  @ParameterizedTest
  @MethodSource("unaryShapes")
  void unaryOps(int[] shape) {
    Rng rng = new Rng(23);
    for (Unary f : UNARY) {
      Tensor x = OpCheck.uniformAvoiding(rng, f.low(), f.high(), 0.01f, f.kinks(), shape);
      OpCheck.op(f.name(), in -> f.op().apply(in[0]), in -> in[0].map(f.ref()))
          .fwdTol(2e-6, 2e-6)
          .check(x);
    }
  }

  @Test
  void unaryOpsOnNonContiguousViews() {
    Rng rng = new Rng(29);
    for (Unary f : UNARY) {
      Tensor base = OpCheck.uniformAvoiding(rng, f.low(), f.high(), 0.01f, f.kinks(), 9, 6);
      Tensor transposed = Ops.transpose(base);
      Tensor sliced = Ops.slice(base, new int[] {1, 2}, new int[] {7, 3});
      for (Tensor x : new Tensor[] {transposed, sliced}) {
        OpCheck.op(f.name(), in -> f.op().apply(in[0]), in -> in[0].map(f.ref()))
            .fwdTol(2e-6, 2e-6)
            .check(x);
      }
    }
  }

  @Test
  void unaryOpsExactValues() {
    Tensor x = Tensor.vector(-7f, -1f, 0.5f, 3f, 6.5f);
    assertEquals(List.of(0f, 0f, 0.5f, 3f, 6f), values(Ops.relu6(x)));
    assertEquals(List.of(-1f, -1f, 0.5f, 2f, 2f), values(Ops.clip(x, -1f, 2f)));
    assertEquals(List.of(0f, 0f, 0.5f, 3f, 6.5f), values(Ops.relu(x)));
    assertEquals(0f, Ops.gelu(Tensor.scalar(0f)).item());
    assertEquals(1000f, Ops.softplus(Tensor.scalar(1000f)).item());
    assertEquals(0f, Ops.softplus(Tensor.scalar(-1000f)).item());
    assertEquals(1f, Ops.sigmoid(Tensor.scalar(1000f)).item());
    assertEquals(0f, Ops.sigmoid(Tensor.scalar(-1000f)).item());
  }

  @Test
  void clipGradientPassesOnlyInsideTheRange() {
    Tensor x = Tensor.vector(-3f, -0.5f, 1.5f, 4f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor g = tape.gradient(Ops.sum(Ops.clip(x, -1f, 2f)), x);
      assertEquals(List.of(0f, 1f, 1f, 0f), values(g));
    }
  }

  @Test
  void relu6GradientIsZeroAboveTheCap() {
    Tensor x = Tensor.vector(-1f, 3f, 7f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      assertEquals(List.of(0f, 1f, 0f), values(tape.gradient(Ops.sum(Ops.relu6(x)), x)));
    }
  }

  @Test
  void geluMatchesAHighPrecisionErf() {
    // Known values of the exact GELU (x * Phi(x)).
    assertEquals(0.8413447460685429, RefMath.gelu(1.0), 1e-13);
    assertEquals(-0.04550026389635842, RefMath.gelu(-2.0), 1e-13);
    float[] xs = {-4f, -2f, -1f, -0.3f, 0.3f, 1f, 2f, 4f};
    Tensor y = Ops.gelu(Tensor.vector(xs));
    for (int i = 0; i < xs.length; i++) {
      assertEquals(RefMath.gelu(xs[i]), y.get(i), 1e-6, "gelu(" + xs[i] + ")");
    }
  }

  @Test
  void stopGradientGivesNoGradient() {
    Tensor x = Tensor.vector(1f, 2f, 3f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor s = Ops.stopGradient(x);
      assertEquals(values(x), values(s));
      assertNull(tape.gradient(Ops.sum(Ops.mul(s, s)), x));
    }
    // Only the unstopped path contributes: d/dx (x * stop(x)) = stop(x).
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      Tensor g = tape.gradient(Ops.sum(Ops.mul(x, Ops.stopGradient(x))), x);
      assertEquals(values(x), values(g));
    }
  }

  static List<Float> values(Tensor t) {
    float[] v = t.toFloatArray();
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return List.of(boxed);
  }
}
