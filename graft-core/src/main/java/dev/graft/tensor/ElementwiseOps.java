package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.BinaryFn;
import dev.graft.tensor.kernels.Elementwise;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.UnaryFn;

/** The elementwise primitives (binary with broadcasting, unary, where), each with its gradient. */
final class ElementwiseOps {
  private ElementwiseOps() {}

  private static Elementwise kernel() {
    return KernelProvider.get().elementwise();
  }

  static Tensor binary(BinaryFn f, Tensor a, Tensor b) {
    Shape out = Shape.broadcast(name(f), a.shape, b.shape);
    float[] o = new float[out.size()];
    int[][] strides = {StridedLoop.broadcastStrides(a, out), StridedLoop.broadcastStrides(b, out)};
    Elementwise ew = kernel();
    StridedLoop.forEach(
        out,
        strides,
        new int[] {a.offset, b.offset},
        (pos, inner, outPos, len) ->
            ew.binary(f, a.data, pos[0], inner[0], b.data, pos[1], inner[1], o, outPos, len));
    Tensor y = new Tensor(o, out);
    boolean needA = GradientTape.needsGradient(a);
    boolean needB = GradientTape.needsGradient(b);
    if (!needA && !needB) {
      return y;
    }
    // Save only what the rule reads for the gradients needed: mul's da reads b, its db reads a.
    boolean readsBoth = f == BinaryFn.POW || f == BinaryFn.MAX || f == BinaryFn.MIN;
    boolean saveA = readsBoth || (f == BinaryFn.MUL && needB);
    boolean saveB = readsBoth || f == BinaryFn.DIV || (f == BinaryFn.MUL && needA);
    Tensor av = saveA ? a.valueForBackward() : null;
    Tensor bv = saveB ? b.valueForBackward() : null;
    Tensor yv = f == BinaryFn.POW || (f == BinaryFn.DIV && needB) ? y : null;
    Shape as = needA ? a.shape : null;
    Shape bs = needB ? b.shape : null;
    GradientTape.record(name(f), y, new Tensor[] {a, b}, g -> binaryGrad(f, av, bv, yv, g, as, bs));
    return y;
  }

  /**
   * The gradients of a binary op; {@code as} / {@code bs} are the operand shapes, {@code null} for
   * an operand that needs no gradient. {@code a}, {@code b}, {@code y} are the saved values (only
   * those the rule reads for the gradients asked for).
   */
  private static Tensor[] binaryGrad(
      BinaryFn f, Tensor a, Tensor b, Tensor y, Tensor g, Shape as, Shape bs) {
    Tensor ga = null;
    Tensor gb = null;
    switch (f) {
      case ADD:
        ga = as == null ? null : g;
        gb = bs == null ? null : g;
        break;
      case SUB:
        ga = as == null ? null : g;
        gb = bs == null ? null : Ops.neg(g);
        break;
      case MUL:
        ga = as == null ? null : Ops.mul(g, b);
        gb = bs == null ? null : Ops.mul(g, a);
        break;
      case DIV:
        ga = as == null ? null : Ops.div(g, b);
        gb = bs == null ? null : Ops.neg(Ops.div(Ops.mul(g, y), b));
        break;
      case POW:
        // d(a^b)/da = b * a^(b-1); d(a^b)/db = a^b * log(a) (0 where a == 0, as TensorFlow).
        ga = Ops.mul(g, Ops.mul(b, binary(BinaryFn.POW, a, Ops.sub(b, Tensor.scalar(1)))));
        Tensor logA =
            where(
                binary(BinaryFn.GREATER, a, Tensor.scalar(0)),
                Ops.log(Ops.maximum(a, Tensor.scalar(Float.MIN_NORMAL))),
                Tensor.scalar(0));
        gb = Ops.mul(g, Ops.mul(y, logA));
        break;
      case MAX:
        {
          Tensor takeA = binary(BinaryFn.GREATER_EQUAL, a, b);
          ga = Ops.mul(g, takeA);
          gb = Ops.mul(g, Ops.sub(Tensor.scalar(1), takeA));
          break;
        }
      case MIN:
        {
          Tensor takeA = binary(BinaryFn.LESS_EQUAL, a, b);
          ga = Ops.mul(g, takeA);
          gb = Ops.mul(g, Ops.sub(Tensor.scalar(1), takeA));
          break;
        }
      default:
        return new Tensor[] {null, null}; // comparisons are not differentiable
    }
    return new Tensor[] {as == null ? null : sumTo(ga, as), bs == null ? null : sumTo(gb, bs)};
  }

  /** Sums {@code g} over the axes along which a tensor of {@code shape} was broadcast. */
  static Tensor sumTo(Tensor g, Shape shape) {
    if (g.shape.equals(shape)) {
      return g;
    }
    int lead = g.rank() - shape.rank();
    int[] axes = new int[g.rank()];
    int n = 0;
    for (int i = 0; i < g.rank(); i++) {
      if (i < lead || (shape.dim(i - lead) == 1 && g.shape.dim(i) != 1)) {
        axes[n++] = i;
      }
    }
    Tensor s =
        ReduceOps.reduce(
            dev.graft.tensor.kernels.ReduceFn.SUM, g, java.util.Arrays.copyOf(axes, n), true);
    return MovementOps.reshape(s, shape.dims());
  }

  static Tensor unary(UnaryFn f, float p, float q, Tensor x) {
    Tensor xc = x.valueForBackward().contiguous();
    float[] o = new float[x.size()];
    Elementwise ew = kernel();
    StridedLoop.forEach(
        x.shape,
        new int[][] {xc.shape.contiguousStrides()},
        new int[] {0},
        (pos, inner, outPos, len) -> ew.unary(f, p, q, xc.data, pos[0], o, outPos, len));
    Tensor y = new Tensor(o, x.shape);
    if (!GradientTape.needsGradient(x)) {
      return y;
    }
    // Save one of x and y where the derivative reads only one (relu: y, which the next op often
    // saves too); the kernel is then handed that array for both.
    float[] xs = f.derivativeReadsInput() ? xc.data : null;
    float[] ys = f.derivativeReadsOutput() ? o : null;
    Shape shape = x.shape;
    GradientTape.record(
        f.name().toLowerCase(java.util.Locale.ROOT),
        y,
        new Tensor[] {x},
        g -> {
          float[] dx = new float[shape.size()];
          float[] xa = xs != null ? xs : ys != null ? ys : dx;
          float[] ya = ys != null ? ys : xa;
          kernel().unaryGrad(f, p, q, xa, ya, g.buffer(), dx, dx.length);
          return new Tensor[] {new Tensor(dx, shape)};
        });
    return y;
  }

  /** {@code cond ? a : b} elementwise with broadcasting; {@code cond} is nonzero for true. */
  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    Shape out = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
    float[] o = new float[out.size()];
    StridedLoop.forEach(
        out,
        new int[][] {
          StridedLoop.broadcastStrides(cond, out),
          StridedLoop.broadcastStrides(a, out),
          StridedLoop.broadcastStrides(b, out)
        },
        new int[] {cond.offset, a.offset, b.offset},
        (pos, inner, outPos, len) -> {
          for (int i = 0; i < len; i++) {
            o[outPos + i] =
                cond.data[pos[0] + i * inner[0]] != 0
                    ? a.data[pos[1] + i * inner[1]]
                    : b.data[pos[2] + i * inner[2]];
          }
        });
    Tensor y = new Tensor(o, out);
    boolean needA = GradientTape.needsGradient(a);
    boolean needB = GradientTape.needsGradient(b);
    if (!needA && !needB) {
      return y;
    }
    Tensor condValue = cond.valueForBackward();
    Shape as = a.shape;
    Shape bs = b.shape;
    GradientTape.record(
        "where",
        y,
        new Tensor[] {cond, a, b},
        g -> {
          Tensor zero = Tensor.scalar(0);
          return new Tensor[] {
            null,
            needA ? sumTo(where(condValue, g, zero), as) : null,
            needB ? sumTo(where(condValue, zero, g), bs) : null
          };
        });
    return y;
  }

  private static String name(BinaryFn f) {
    return f.name().toLowerCase(java.util.Locale.ROOT);
  }
}
