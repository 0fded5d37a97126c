package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused training-mode batch normalization: forward and backward against a naive double
 * reference and its finite differences (OpCheck), and against the composition it replaced (mean,
 * subtract, square, mean, channelAffine) with the tape's gradients, on awkward shapes and axes.
 */
class BatchNormOpTest {
  private static final float EPSILON = 1e-3f;

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(new int[] {2, 3, 5, 7}, -1),
        Arguments.of(new int[] {2, 3, 5, 7}, 1),
        Arguments.of(new int[] {3, 4, 2}, 0),
        Arguments.of(new int[] {13, 3}, 1),
        Arguments.of(new int[] {4, 3, 3, 17}, 3),
        Arguments.of(new int[] {2, 1, 1, 9}, 3));
  }

  /** Naive double reference, channel by channel. */
  private static Nd reference(Nd x, Nd gamma, Nd beta, int axis) {
    int a = axis < 0 ? axis + x.rank() : axis;
    int c = x.shape[a];
    double[] sum = new double[c];
    double[] count = new double[c];
    int[] k = {0};
    Nd.forEachIndex(
        x.shape,
        idx -> {
          sum[idx[a]] += x.v[k[0]++];
          count[idx[a]]++;
        });
    double[] sq = new double[c];
    k[0] = 0;
    Nd.forEachIndex(
        x.shape,
        idx -> {
          double d = x.v[k[0]++] - sum[idx[a]] / count[idx[a]];
          sq[idx[a]] += d * d;
        });
    Nd y = Nd.zeros(x.shape);
    k[0] = 0;
    Nd.forEachIndex(
        x.shape,
        idx -> {
          int ch = idx[a];
          double mean = sum[ch] / count[ch];
          double inv = 1 / Math.sqrt(sq[ch] / count[ch] + EPSILON);
          y.v[k[0]] = (x.v[k[0]] - mean) * inv * gamma.v[ch] + beta.v[ch];
          k[0]++;
        });
    return y;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matchesReferenceAndFiniteDifferences(int[] shape, int axis) {
    Rng rng = new Rng(5);
    int c = shape[axis < 0 ? axis + shape.length : axis];
    OpCheck.op(
            "batchNormalization " + Arrays.toString(shape) + " axis " + axis,
            in -> Ops.batchNormalization(in[0], in[1], in[2], EPSILON, axis).output(),
            in -> reference(in[0], in[1], in[2], axis))
        .fwdTol(1e-4, 1e-4)
        .gradTol(2e-3, 2e-3)
        .check(rng.uniform(-2f, 2f, shape), rng.uniform(0.5f, 2f, c), rng.uniform(-1f, 1f, c));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matchesTheComposedOps(int[] shape, int axis) {
    Rng rng = new Rng(13);
    int a = axis < 0 ? axis + shape.length : axis;
    int c = shape[a];
    int[] axes = new int[shape.length - 1];
    for (int i = 0, n = 0; i < shape.length; i++) {
      if (i != a) {
        axes[n++] = i;
      }
    }
    Tensor x = rng.uniform(-3f, 3f, shape);
    Tensor gamma = rng.uniform(0.5f, 2f, c);
    Tensor beta = rng.uniform(-1f, 1f, c);
    Tensor r = rng.uniform(-1f, 1f, shape);
    BatchNormalized fused;
    List<Tensor> fusedGrads;
    Tensor composed;
    List<Tensor> composedGrads;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x, gamma, beta);
      fused = Ops.batchNormalization(x, gamma, beta, EPSILON, axis);
      fusedGrads = tape.gradient(Ops.sum(Ops.mul(fused.output(), r)), List.of(x, gamma, beta));
    }
    Tensor mean;
    Tensor variance;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x, gamma, beta);
      mean = Ops.mean(x, false, axes);
      variance = Ops.variance(x, false, axes);
      Tensor inv = Ops.mul(Ops.rsqrt(Ops.add(variance, Tensor.scalar(EPSILON))), gamma);
      Tensor shift = Ops.sub(beta, Ops.mul(mean, inv));
      composed = Ops.channelAffine(x, inv, shift, axis);
      composedGrads = tape.gradient(Ops.sum(Ops.mul(composed, r)), List.of(x, gamma, beta));
    }
    assertArrayEquals(mean.toFloatArray(), fused.mean().toFloatArray(), 1e-5f);
    assertArrayEquals(variance.toFloatArray(), fused.variance().toFloatArray(), 1e-4f);
    assertArrayEquals(composed.toFloatArray(), fused.output().toFloatArray(), 1e-4f);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(
          composedGrads.get(i).toFloatArray(),
          fusedGrads.get(i).toFloatArray(),
          1e-3f,
          "gradient of input " + i);
    }
  }

  @Test
  void statisticsStayAccurateFarFromZero() {
    // Values 1000 + u, u in [-1, 1]: E[x^2] - E[x]^2 in float would lose the variance entirely.
    int n = 100_000;
    Rng rng = new Rng(3);
    Tensor u = rng.uniform(-1f, 1f, n, 1);
    Tensor x = Ops.add(u, Tensor.scalar(1000f));
    float[] xs = x.toFloatArray();
    double sum = 0;
    for (float v : xs) {
      sum += v;
    }
    double m = sum / n;
    double sq = 0;
    for (float v : xs) {
      sq += (v - m) * (v - m);
    }
    BatchNormalized b = Ops.batchNormalization(x, Tensor.ones(1), Tensor.zeros(1), EPSILON, 1);
    assertEquals(m, b.mean().item(), 1e-4);
    assertEquals(sq / n, b.variance().item(), 1e-6 * (sq / n));
  }

  @Test
  void frozenInputsGetNoGradient() {
    Tensor x = new Rng(1).uniform(-1f, 1f, 4, 3);
    Tensor gamma = Tensor.ones(3);
    Tensor beta = Tensor.zeros(3);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(beta);
      Tensor y = Ops.batchNormalization(x, gamma, beta, EPSILON, 1).output();
      List<Tensor> g = tape.gradient(Ops.sum(y), List.of(x, gamma, beta));
      assertEquals(null, g.get(0));
      assertEquals(null, g.get(1));
      assertArrayEquals(new float[] {4, 4, 4}, g.get(2).toFloatArray());
    }
  }

  @Test
  void parameterShapesAreChecked() {
    Tensor x = Tensor.zeros(2, 3, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ops.batchNormalization(x, Tensor.ones(3), Tensor.zeros(4), EPSILON, -1));
    assertEquals(
        "batchNormalization: gamma has shape (3,) but must be 1-D of length 4, the size of axis 2"
            + " of the input (2, 3, 4)",
        e.getMessage());
  }
}
