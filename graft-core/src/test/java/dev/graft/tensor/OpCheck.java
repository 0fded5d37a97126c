package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.graft.autodiff.GradientTape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The op test harness, after tinygrad's {@code helper_test_op}: an op is checked forward against a
 * naive double-precision reference, and backward against central finite differences of that same
 * reference (in double, so float32 rounding does not pollute them).
 *
 * <p>The backward check differentiates {@code sum(f(x) * r)} for a fixed random {@code r}, so every
 * output element contributes with a different weight.
 *
 * <pre>{@code
 * OpCheck.op("add", in -> Ops.add(in[0], in[1]), in -> Nd.zip(in[0], in[1], Double::sum))
 *     .check(a, b);
 * }</pre>
 */
final class OpCheck {
  private final String name;
  private final Function<Tensor[], Tensor> op;
  private final Function<Nd[], Nd> ref;
  private double fwdRtol = 1e-5;
  private double fwdAtol = 1e-5;
  private double gradRtol = 1e-3;
  private double gradAtol = 1e-4;
  private double eps = 1e-4;
  private boolean[] noGrad = new boolean[0];
  private boolean backward = true;
  private int maxSamples = 40;
  private long seed = 1234;

  private OpCheck(String name, Function<Tensor[], Tensor> op, Function<Nd[], Nd> ref) {
    this.name = name;
    this.op = op;
    this.ref = ref;
  }

  static OpCheck op(String name, Function<Tensor[], Tensor> op, Function<Nd[], Nd> ref) {
    return new OpCheck(name, op, ref);
  }

  /** Forward tolerance: {@code |actual - expected| <= atol + rtol * |expected|}. */
  OpCheck fwdTol(double rtol, double atol) {
    this.fwdRtol = rtol;
    this.fwdAtol = atol;
    return this;
  }

  /** Gradient tolerance: {@code |graft - numeric| <= atol + rtol * |numeric|}. */
  OpCheck gradTol(double rtol, double atol) {
    this.gradRtol = rtol;
    this.gradAtol = atol;
    return this;
  }

  /** The finite-difference step (in double precision). */
  OpCheck eps(double eps) {
    this.eps = eps;
    return this;
  }

  /** Inputs that get no gradient (indices, conditions): graft must return null for them. */
  OpCheck noGrad(int... inputs) {
    for (int i : inputs) {
      if (noGrad.length <= i) {
        noGrad = Arrays.copyOf(noGrad, i + 1);
      }
      noGrad[i] = true;
    }
    return this;
  }

  /** Skips the gradient check (ops without a gradient, such as comparisons). */
  OpCheck forwardOnly() {
    this.backward = false;
    return this;
  }

  /**
   * At most this many elements per input get a finite-difference check (chosen at random, always
   * including the first and last); the rest of the gradient is still compared for shape.
   */
  OpCheck samples(int n) {
    this.maxSamples = n;
    return this;
  }

  OpCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Runs the forward and (unless disabled) the gradient check; returns graft's output. */
  Tensor check(Tensor... inputs) {
    Nd[] nd = new Nd[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      nd[i] = Nd.of(inputs[i]);
    }
    Tensor y = op.apply(inputs);
    Nd expected = ref.apply(nd);
    assertClose(name + " forward", y, expected, fwdRtol, fwdAtol);
    if (backward) {
      checkGradient(inputs, nd, expected);
    }
    return y;
  }

  private boolean grads(int i) {
    return i >= noGrad.length || !noGrad[i];
  }

  private void checkGradient(Tensor[] inputs, Nd[] nd, Nd expected) {
    Rng rng = new Rng(seed);
    Tensor r = rng.uniform(-1f, 1f, expected.shape);
    Nd rn = Nd.of(r);
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(inputs);
      Tensor y = op.apply(inputs);
      Tensor loss = Ops.sum(Ops.mul(y, r));
      grads = tape.gradient(loss, Arrays.asList(inputs));
    }
    for (int i = 0; i < inputs.length; i++) {
      String what = name + " gradient of input " + i + " " + inputs[i].shape();
      if (!grads(i)) {
        assertNull(grads.get(i), what + " should be null");
        continue;
      }
      Tensor g = grads.get(i);
      assertNotNull(g, what + " is null");
      assertEquals(inputs[i].shape(), g.shape(), what + " shape");
      for (int j : sampleIndices(nd[i].size(), rng)) {
        double numeric = numericGradient(nd, i, j, rn);
        int[] idx = unflatten(j, nd[i].shape);
        double actual = g.get(idx);
        double tol = gradAtol + gradRtol * Math.abs(numeric);
        if (!(Math.abs(actual - numeric) <= tol)) {
          fail(
              what
                  + " at "
                  + Arrays.toString(idx)
                  + ": graft "
                  + actual
                  + ", finite differences "
                  + numeric
                  + " (tolerance "
                  + tol
                  + ")");
        }
      }
    }
    checkEachInputAlone(inputs, r, grads);
  }

  /**
   * Watches one input at a time: ops save values, and compute gradients, only for the inputs a tape
   * tracks, which must give the tracked input the same gradient and the others none.
   */
  private void checkEachInputAlone(Tensor[] inputs, Tensor r, List<Tensor> all) {
    for (int i = 0; i < inputs.length; i++) {
      for (int k = 0; k < i; k++) {
        if (inputs[k] == inputs[i]) {
          return; // one tensor passed twice cannot be watched alone
        }
      }
    }
    for (int i = 0; i < inputs.length && inputs.length > 1; i++) {
      if (!grads(i)) {
        continue;
      }
      List<Tensor> alone;
      try (GradientTape tape = GradientTape.open()) {
        tape.watch(inputs[i]);
        Tensor loss = Ops.sum(Ops.mul(op.apply(inputs), r));
        alone = tape.gradient(loss, Arrays.asList(inputs));
      }
      String what = name + " gradient of input " + i + " watched alone";
      assertNotNull(alone.get(i), what + " is null");
      assertArrayEquals(all.get(i).toFloatArray(), alone.get(i).toFloatArray(), what);
      for (int k = 0; k < inputs.length; k++) {
        if (k != i) {
          assertNull(alone.get(k), name + ": input " + k + " is not watched, so gets no gradient");
        }
      }
    }
  }

  private List<Integer> sampleIndices(int n, Rng rng) {
    List<Integer> out = new ArrayList<>();
    if (n <= maxSamples) {
      for (int j = 0; j < n; j++) {
        out.add(j);
      }
      return out;
    }
    out.add(0);
    out.add(n - 1);
    while (out.size() < maxSamples) {
      out.add(rng.nextInt(n));
    }
    return out;
  }

  private double numericGradient(Nd[] nd, int input, int j, Nd r) {
    Nd[] plus = nd.clone();
    Nd[] minus = nd.clone();
    plus[input] = nd[input].copy();
    minus[input] = nd[input].copy();
    plus[input].v[j] += eps;
    minus[input].v[j] -= eps;
    return (weighted(ref.apply(plus), r) - weighted(ref.apply(minus), r)) / (2 * eps);
  }

  private static double weighted(Nd y, Nd r) {
    double s = 0;
    for (int k = 0; k < y.size(); k++) {
      s += y.v[k] * r.v[k];
    }
    return s;
  }

  static int[] unflatten(int j, int[] shape) {
    int[] idx = new int[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      idx[i] = j % shape[i];
      j /= shape[i];
    }
    return idx;
  }

  /** Asserts the shape and every value of {@code actual} against the reference. */
  static void assertClose(String what, Tensor actual, Nd expected, double rtol, double atol) {
    assertEquals(
        Arrays.toString(expected.shape), Arrays.toString(actual.shape().dims()), what + " shape");
    int[] k = {0};
    Nd.forEachIndex(
        expected.shape,
        idx -> {
          double e = expected.v[k[0]++];
          double a = actual.get(idx);
          boolean ok =
              Double.isNaN(e)
                  ? Double.isNaN(a)
                  : (a == e || Math.abs(a - e) <= atol + rtol * Math.abs(e));
          if (!ok) {
            fail(what + " at " + Arrays.toString(idx) + ": got " + a + ", expected " + e);
          }
        });
  }

  static void assertClose(String what, Tensor actual, Nd expected) {
    assertClose(what, actual, expected, 1e-5, 1e-5);
  }

  /**
   * A seeded uniform tensor whose values keep at least {@code gap} away from each of {@code kinks}.
   */
  static Tensor uniformAvoiding(
      Rng rng, float low, float high, float gap, float[] kinks, int... shape) {
    Tensor t = rng.uniform(low, high, shape);
    float[] v = t.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      for (float k : kinks) {
        if (Math.abs(v[i] - k) < gap) {
          v[i] = v[i] < k ? k - gap : k + gap;
        }
      }
    }
    return Tensor.of(v, shape);
  }
}
