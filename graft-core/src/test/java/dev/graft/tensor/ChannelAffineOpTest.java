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
 * The fused per-channel affine primitive: forward and backward against a naive double reference and
 * finite differences (OpCheck, which also watches each input alone), and against the composed
 * {@code x * reshape(scale) + reshape(shift)} on awkward shapes and axes.
 */
class ChannelAffineOpTest {

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(new int[] {2, 3, 5, 7}, -1),
        Arguments.of(new int[] {2, 3, 5, 7}, 1),
        Arguments.of(new int[] {3, 4, 2}, 0),
        Arguments.of(new int[] {13, 1}, 1),
        Arguments.of(new int[] {5}, 0),
        Arguments.of(new int[] {1, 1, 1, 1}, 3),
        Arguments.of(new int[] {4, 3, 3, 17}, 3));
  }

  /** Naive double reference: {@code x[..., c, ...] * scale[c] + shift[c]}. */
  private static Nd reference(Nd x, Nd scale, Nd shift, int axis) {
    int a = axis < 0 ? axis + x.rank() : axis;
    Nd y = Nd.zeros(x.shape);
    int[] k = {0};
    Nd.forEachIndex(
        x.shape,
        idx -> {
          int c = idx[a];
          y.v[k[0]] = x.v[k[0]] * scale.v[c] + shift.v[c];
          k[0]++;
        });
    return y;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matchesReferenceAndFiniteDifferences(int[] shape, int axis) {
    Rng rng = new Rng(7);
    int c = shape[axis < 0 ? axis + shape.length : axis];
    OpCheck.op(
            "channelAffine " + Arrays.toString(shape) + " axis " + axis,
            in -> Ops.channelAffine(in[0], in[1], in[2], axis),
            in -> reference(in[0], in[1], in[2], axis))
        .check(rng.uniform(-2f, 2f, shape), rng.uniform(-2f, 2f, c), rng.uniform(-1f, 1f, c));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matchesTheComposedOps(int[] shape, int axis) {
    Rng rng = new Rng(11);
    int a = axis < 0 ? axis + shape.length : axis;
    int c = shape[a];
    int[] paramShape = new int[shape.length];
    Arrays.fill(paramShape, 1);
    paramShape[a] = c;
    Tensor x = rng.uniform(-3f, 3f, shape);
    Tensor scale = rng.uniform(-2f, 2f, c);
    Tensor shift = rng.uniform(-1f, 1f, c);
    Tensor r = rng.uniform(-1f, 1f, shape);
    List<Tensor> fused;
    List<Tensor> composed;
    Tensor yFused;
    Tensor yComposed;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x, scale, shift);
      yFused = Ops.channelAffine(x, scale, shift, axis);
      fused = tape.gradient(Ops.sum(Ops.mul(yFused, r)), List.of(x, scale, shift));
    }
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x, scale, shift);
      yComposed =
          Ops.add(Ops.mul(x, Ops.reshape(scale, paramShape)), Ops.reshape(shift, paramShape));
      composed = tape.gradient(Ops.sum(Ops.mul(yComposed, r)), List.of(x, scale, shift));
    }
    // A multiply then an add in float, as the composed ops: the same values to the bit.
    assertArrayEquals(yComposed.toFloatArray(), yFused.toFloatArray());
    assertArrayEquals(composed.get(0).toFloatArray(), fused.get(0).toFloatArray());
    // The channel sums differ only by float (composed) against double (fused) accumulation.
    int terms = x.size() / c;
    float tol = 1e-6f * terms * 8;
    assertArrayEquals(composed.get(1).toFloatArray(), fused.get(1).toFloatArray(), tol);
    assertArrayEquals(composed.get(2).toFloatArray(), fused.get(2).toFloatArray(), tol);
  }

  @Test
  void channelSumsOverManyTermsStayAccurate() {
    // 200,000 terms of 0.1: float accumulation drifts by ~1e-3 relative; the double sum does not.
    int n = 200_000;
    Tensor x = Tensor.full(1f, n, 1);
    Tensor shift = Tensor.zeros(1);
    Tensor scale = Tensor.ones(1);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(scale, shift);
      Tensor y = Ops.channelAffine(x, scale, shift, 1);
      List<Tensor> g =
          tape.gradient(Ops.sum(Ops.mul(y, Tensor.scalar(0.1f))), List.of(scale, shift));
      double exact = n * (double) 0.1f;
      assertEquals(exact, g.get(0).item(), exact * 1e-7);
      assertEquals(exact, g.get(1).item(), exact * 1e-7);
    }
  }

  @Test
  void parameterShapesAreChecked() {
    Tensor x = Tensor.zeros(2, 3, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ops.channelAffine(x, Tensor.zeros(3), Tensor.zeros(4), -1));
    assertEquals(
        "channelAffine: scale has shape (3,) but must be 1-D of length 4, the size of axis 2 of"
            + " the input (2, 3, 4)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Ops.channelAffine(x, Tensor.zeros(1, 3), Tensor.zeros(3), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ops.channelAffine(x, Tensor.zeros(3), Tensor.zeros(3), 3));
  }
}
