package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.BinaryFn;
import dev.graft.tensor.kernels.Elementwise;
import dev.graft.tensor.kernels.ReduceFn;
import dev.graft.tensor.kernels.ScalarElementwise;
import dev.graft.tensor.kernels.UnaryFn;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API elementwise loops for the hot cases (arithmetic on contiguous or scalar-broadcast
 * operands, the cheap activations, row reductions); everything else goes to the scalar loops. Each
 * loop runs whole vectors to {@code loopBound} and finishes with a scalar tail, which the JIT
 * compiles better than masked loads on JDK 17.
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
    VectorOperators.Binary op = vectorOp(f);
    if (op == null || aStride > 1 || bStride > 1 || (aStride == 0 && bStride == 0)) {
      scalar.binary(f, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
      return;
    }
    int bound = S.loopBound(n);
    int i = 0;
    if (aStride == 1 && bStride == 1) {
      for (; i < bound; i += S.length()) {
        FloatVector va = FloatVector.fromArray(S, a, aOff + i);
        FloatVector vb = FloatVector.fromArray(S, b, bOff + i);
        va.lanewise(op, vb).intoArray(out, outOff + i);
      }
    } else if (aStride == 1) {
      FloatVector vb = FloatVector.broadcast(S, b[bOff]);
      for (; i < bound; i += S.length()) {
        FloatVector.fromArray(S, a, aOff + i).lanewise(op, vb).intoArray(out, outOff + i);
      }
    } else {
      FloatVector va = FloatVector.broadcast(S, a[aOff]);
      for (; i < bound; i += S.length()) {
        va.lanewise(op, FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
      }
    }
    for (; i < n; i++) {
      out[outOff + i] = f.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
    }
  }

  private static VectorOperators.Binary vectorOp(BinaryFn f) {
    switch (f) {
      case ADD:
        return VectorOperators.ADD;
      case SUB:
        return VectorOperators.SUB;
      case MUL:
        return VectorOperators.MUL;
      case DIV:
        return VectorOperators.DIV;
      case MAX:
        return VectorOperators.MAX;
      case MIN:
        return VectorOperators.MIN;
      default:
        return null;
    }
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
    scalar.unaryGrad(f, p, q, x, y, g, dx, n);
  }

  @Override
  public void reduceRows(
      ReduceFn f, float[] x, int off, int rows, int len, float[] out, int outOff) {
    if (len < 2 * S.length()) {
      scalar.reduceRows(f, x, off, rows, len, out, outOff);
      return;
    }
    VectorOperators.Associative op =
        f == ReduceFn.SUM
            ? VectorOperators.ADD
            : f == ReduceFn.MAX ? VectorOperators.MAX : VectorOperators.MIN;
    int bound = S.loopBound(len);
    for (int r = 0; r < rows; r++) {
      int base = off + r * len;
      FloatVector acc = FloatVector.fromArray(S, x, base);
      for (int i = S.length(); i < bound; i += S.length()) {
        acc = acc.lanewise(op, FloatVector.fromArray(S, x, base + i));
      }
      float v = acc.reduceLanes(op);
      for (int i = bound; i < len; i++) {
        float e = x[base + i];
        v = f == ReduceFn.SUM ? v + e : f == ReduceFn.MAX ? Math.max(v, e) : Math.min(v, e);
      }
      out[outOff + r] = v;
    }
  }
}
