package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.BinaryFn;
import dev.graft.tensor.kernels.Elementwise;
import dev.graft.tensor.kernels.ReduceFn;
import dev.graft.tensor.kernels.ScalarElementwise;
import dev.graft.tensor.kernels.UnaryFn;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API elementwise loops for the hot cases (arithmetic on contiguous or scalar-broadcast
 * operands, the cheap activations and ReLU's gradient, row reductions); everything else goes to the
 * scalar loops. Each loop runs whole vectors to {@code loopBound} and finishes with a scalar tail,
 * which the JIT compiles better than masked loads on JDK 17.
 */
final class VectorElementwise implements Elementwise {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private final ScalarElementwise scalar = new ScalarElementwise();

  @Override
  public void binary(
      BinaryFn f,
      float[] a,
      int aOff,
      int aStride,
      float[] b,
      int bOff,
      int bStride,
      float[] out,
      int outOff,
      int n) {
    if (!vectorized(f) || aStride > 1 || bStride > 1 || (aStride == 0 && bStride == 0)) {
      scalar.binary(f, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
      return;
    }
    int i;
    if (aStride == 1 && bStride == 1) {
      i = bothContiguous(f, a, aOff, b, bOff, out, outOff, n);
    } else if (aStride == 1) {
      i = scalarRight(f, a, aOff, b[bOff], out, outOff, n);
    } else {
      i = scalarLeft(f, a[aOff], b, bOff, out, outOff, n);
    }
    for (; i < n; i++) {
      out[outOff + i] = f.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
    }
  }

  private static boolean vectorized(BinaryFn f) {
    switch (f) {
      case ADD:
      case SUB:
      case MUL:
      case DIV:
      case MAX:
      case MIN:
        return true;
      default:
        return false;
    }
  }

  // The three loops below name each operation as a constant in its own loop: C2 intrinsifies
  // lanewise only when the operator is a compile-time constant, and a VectorOperators value passed
  // in as a variable sends every vector through the Vector API's slow Java fallback.

  /** {@code out = a op b} on whole vectors; returns where the scalar tail starts. */
  private static int bothContiguous(
      BinaryFn f, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
    int bound = S.loopBound(n);
    int step = S.length();
    int i = 0;
    switch (f) {
      case ADD:
        for (; i < bound; i += step) {
          load(a, aOff + i).add(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case SUB:
        for (; i < bound; i += step) {
          load(a, aOff + i).sub(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MUL:
        for (; i < bound; i += step) {
          load(a, aOff + i).mul(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case DIV:
        for (; i < bound; i += step) {
          load(a, aOff + i).div(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MAX:
        for (; i < bound; i += step) {
          load(a, aOff + i).max(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MIN:
        for (; i < bound; i += step) {
          load(a, aOff + i).min(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      default:
        throw new AssertionError(f);
    }
    return i;
  }

  /** {@code out = a op b} with {@code b} one value; returns where the scalar tail starts. */
  private static int scalarRight(
      BinaryFn f, float[] a, int aOff, float b, float[] out, int outOff, int n) {
    int bound = S.loopBound(n);
    int step = S.length();
    FloatVector vb = FloatVector.broadcast(S, b);
    int i = 0;
    switch (f) {
      case ADD:
        for (; i < bound; i += step) {
          load(a, aOff + i).add(vb).intoArray(out, outOff + i);
        }
        break;
      case SUB:
        for (; i < bound; i += step) {
          load(a, aOff + i).sub(vb).intoArray(out, outOff + i);
        }
        break;
      case MUL:
        for (; i < bound; i += step) {
          load(a, aOff + i).mul(vb).intoArray(out, outOff + i);
        }
        break;
      case DIV:
        for (; i < bound; i += step) {
          load(a, aOff + i).div(vb).intoArray(out, outOff + i);
        }
        break;
      case MAX:
        for (; i < bound; i += step) {
          load(a, aOff + i).max(vb).intoArray(out, outOff + i);
        }
        break;
      case MIN:
        for (; i < bound; i += step) {
          load(a, aOff + i).min(vb).intoArray(out, outOff + i);
        }
        break;
      default:
        throw new AssertionError(f);
    }
    return i;
  }

  /** {@code out = a op b} with {@code a} one value; returns where the scalar tail starts. */
  private static int scalarLeft(
      BinaryFn f, float a, float[] b, int bOff, float[] out, int outOff, int n) {
    int bound = S.loopBound(n);
    int step = S.length();
    FloatVector va = FloatVector.broadcast(S, a);
    int i = 0;
    switch (f) {
      case ADD:
        for (; i < bound; i += step) {
          va.add(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case SUB:
        for (; i < bound; i += step) {
          va.sub(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MUL:
        for (; i < bound; i += step) {
          va.mul(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case DIV:
        for (; i < bound; i += step) {
          va.div(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MAX:
        for (; i < bound; i += step) {
          va.max(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      case MIN:
        for (; i < bound; i += step) {
          va.min(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        break;
      default:
        throw new AssertionError(f);
    }
    return i;
  }

  private static FloatVector load(float[] x, int off) {
    return FloatVector.fromArray(S, x, off);
  }

  @Override
  public void unary(
      UnaryFn f, float p, float q, float[] x, int xOff, float[] out, int outOff, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (f) {
      case NEG:
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, x, xOff + i).neg().intoArray(out, outOff + i);
        }
        break;
      case ABS:
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, x, xOff + i).abs().intoArray(out, outOff + i);
        }
        break;
      case SQUARE:
        for (; i < bound; i += S.length()) {
          FloatVector v = FloatVector.fromArray(S, x, xOff + i);
          v.mul(v).intoArray(out, outOff + i);
        }
        break;
      case SQRT:
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, x, xOff + i).sqrt().intoArray(out, outOff + i);
        }
        break;
      case RELU:
        {
          FloatVector zero = FloatVector.zero(S);
          FloatVector cap = FloatVector.broadcast(S, p);
          for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).max(zero).min(cap).intoArray(out, outOff + i);
          }
          break;
        }
      case CLIP:
        {
          FloatVector lo = FloatVector.broadcast(S, p);
          FloatVector hi = FloatVector.broadcast(S, q);
          for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).max(lo).min(hi).intoArray(out, outOff + i);
          }
          break;
        }
      default:
        break;
    }
    for (; i < n; i++) {
      out[outOff + i] = f.apply(x[xOff + i], p, q);
    }
  }

  @Override
  public void unaryGrad(
      UnaryFn f, float p, float q, float[] x, float[] y, float[] g, float[] dx, int n) {
    // ReLU's runs after every convolution of a CNN, square's in every BatchNormalization in
    // training (the variance). Each computes what the scalar loop does, in its order: ReLU's
    // multiplies g by a 0/1 vector rather than blending, so that signed zeros and NaNs match.
    int bound = S.loopBound(n);
    int i = 0;
    switch (f) {
      case RELU:
        {
          FloatVector zero = FloatVector.zero(S);
          FloatVector one = FloatVector.broadcast(S, 1f);
          for (; i < bound; i += S.length()) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            VectorMask<Float> passes =
                yv.compare(VectorOperators.GT, 0f).and(yv.compare(VectorOperators.LT, p));
            FloatVector.fromArray(S, g, i).mul(zero.blend(one, passes)).intoArray(dx, i);
          }
          break;
        }
      case SQUARE:
        for (; i < bound; i += S.length()) {
          FloatVector twoX = FloatVector.fromArray(S, x, i).mul(2f);
          FloatVector.fromArray(S, g, i).mul(twoX).intoArray(dx, i);
        }
        break;
      default:
        break;
    }
    for (; i < n; i++) {
      dx[i] = g[i] * f.derivative(x[i], y[i], p, q);
    }
  }

  @Override
  public void reduceRows(
      ReduceFn f, float[] x, int off, int rows, int len, float[] out, int outOff) {
    if (len < 2 * S.length()) {
      scalar.reduceRows(f, x, off, rows, len, out, outOff);
      return;
    }
    int bound = S.loopBound(len);
    for (int r = 0; r < rows; r++) {
      int base = off + r * len;
      float v;
      switch (f) {
        case SUM:
          v = sumRow(x, base, bound, len);
          break;
        case MAX:
          v = maxRow(x, base, bound, len);
          break;
        case MIN:
          v = minRow(x, base, bound, len);
          break;
        default:
          throw new AssertionError(f);
      }
      out[outOff + r] = v;
    }
  }

  // One method per reduction, each with its operator as a constant (see binary).

  private static float sumRow(float[] x, int base, int bound, int len) {
    FloatVector acc = load(x, base);
    for (int i = S.length(); i < bound; i += S.length()) {
      acc = acc.add(load(x, base + i));
    }
    float v = Lanes.sum(acc);
    for (int i = bound; i < len; i++) {
      v += x[base + i];
    }
    return v;
  }

  private static float maxRow(float[] x, int base, int bound, int len) {
    FloatVector acc = load(x, base);
    for (int i = S.length(); i < bound; i += S.length()) {
      acc = acc.max(load(x, base + i));
    }
    float v = acc.reduceLanes(VectorOperators.MAX);
    for (int i = bound; i < len; i++) {
      v = Math.max(v, x[base + i]);
    }
    return v;
  }

  private static float minRow(float[] x, int base, int bound, int len) {
    FloatVector acc = load(x, base);
    for (int i = S.length(); i < bound; i += S.length()) {
      acc = acc.min(load(x, base + i));
    }
    float v = acc.reduceLanes(VectorOperators.MIN);
    for (int i = bound; i < len; i++) {
      v = Math.min(v, x[base + i]);
    }
    return v;
  }
}
