package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.BinaryFn;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Parallel;
import dev.graft.tensor.kernels.ReduceFn;

/** The reduction primitives (sum, max, min over axes) with their gradients, and argmax. */
final class ReduceOps {
  private ReduceOps() {}

  /**
   * Reduces {@code x} over {@code axes} (empty means all). With {@code keepDims} the reduced axes
   * stay as size 1.
   */
  static Tensor reduce(ReduceFn f, Tensor x, int[] axes, boolean keepDims) {
    boolean[] reduced = reducedAxes(f.name().toLowerCase(java.util.Locale.ROOT), x.shape, axes);
    int rank = x.rank();
    // Move the reduced axes to the end, then reduce contiguous rows.
    int[] perm = new int[rank];
    int p = 0;
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        perm[p++] = i;
      }
    }
    int kept = p;
    int len = 1;
    for (int i = 0; i < rank; i++) {
      if (reduced[i]) {
        perm[p++] = i;
        len *= x.shape.dim(i);
      }
    }
    int[] outDims = new int[keepDims ? rank : kept];
    for (int i = 0, o = 0; i < rank; i++) {
      if (!reduced[i]) {
        outDims[o++] = x.shape.dim(i);
      } else if (keepDims) {
        outDims[o++] = 1;
      }
    }
    Shape outShape = Shape.of(outDims);
    int rows = outShape.size();
    float[] o = new float[rows];
    if (len > 0 && isLeadingPrefix(reduced) && x.isContiguous()) {
      reduceLeading(f, x, len, o);
    } else if (len == 0) {
      java.util.Arrays.fill(o, identity(f));
    } else {
      float[] rowsData = MovementOps.permuteView(x, perm).buffer();
      int rowLen = len;
      Parallel.forRange(
          rows,
          Math.max(1, (1 << 15) / Math.max(1, rowLen)),
          (start, end) ->
              KernelProvider.get()
                  .elementwise()
                  .reduceRows(f, rowsData, start * rowLen, end - start, rowLen, o, start));
    }
    Tensor y = new Tensor(o, outShape);
    if (!GradientTape.needsGradient(x)) {
      return y;
    }
    Shape inShape = x.shape;
    Tensor xv = f == ReduceFn.SUM ? null : x.valueForBackward(); // max/min rules compare values
    Tensor yv = f == ReduceFn.SUM ? null : y;
    GradientTape.record(
        f.name().toLowerCase(java.util.Locale.ROOT),
        y,
        new Tensor[] {x},
        g -> new Tensor[] {reduceGrad(f, inShape, xv, yv, g, reduced)});
    return y;
  }

  /** True when the reduced axes are {@code 0..j-1} for some {@code j < rank}. */
  private static boolean isLeadingPrefix(boolean[] reduced) {
    int j = 0;
    while (j < reduced.length && reduced[j]) {
      j++;
    }
    for (int i = j; i < reduced.length; i++) {
      if (reduced[i]) {
        return false;
      }
    }
    return j > 0 && j < reduced.length;
  }

  /**
   * Reduces the leading axes of a contiguous tensor (a bias gradient: (n, h, w, c) to (c,)) by
   * folding whole rows into the output with the vector kernel, avoiding a transposing copy. Threads
   * own column ranges, and each column is folded in row order, so the result is deterministic.
   */
  private static void reduceLeading(ReduceFn f, Tensor x, int rows, float[] o) {
    int cols = o.length;
    BinaryFn fold =
        f == ReduceFn.SUM ? BinaryFn.ADD : f == ReduceFn.MAX ? BinaryFn.MAX : BinaryFn.MIN;
    Parallel.forRange(
        cols,
        Math.max(64, (1 << 15) / rows),
        (c0, c1) -> {
          System.arraycopy(x.data, x.offset + c0, o, c0, c1 - c0);
          for (int r = 1; r < rows; r++) {
            KernelProvider.get()
                .elementwise()
                .binary(fold, o, c0, 1, x.data, x.offset + r * cols + c0, 1, o, c0, c1 - c0);
          }
        });
  }

  /** The input's gradient; {@code x} and {@code y} are saved only for max and min. */
  private static Tensor reduceGrad(
      ReduceFn f, Shape inShape, Tensor x, Tensor y, Tensor g, boolean[] reduced) {
    int[] keepShape = inShape.dims();
    for (int i = 0; i < keepShape.length; i++) {
      if (reduced[i]) {
        keepShape[i] = 1;
      }
    }
    Tensor gk = MovementOps.broadcastTo(MovementOps.reshape(g, keepShape), inShape);
    if (f == ReduceFn.SUM) {
      return gk.contiguous();
    }
    // max/min: the gradient is shared equally among the elements that attain the extreme.
    Tensor yk = MovementOps.reshape(y, keepShape);
    Tensor mask = ElementwiseOps.binary(BinaryFn.EQUAL, x, yk);
    Tensor count = reduce(ReduceFn.SUM, mask, axesOf(reduced), true);
    return ElementwiseOps.binary(
        BinaryFn.DIV, ElementwiseOps.binary(BinaryFn.MUL, gk, mask), count);
  }

  /** The index of the largest value along {@code axis} (first one on ties), as floats. */
  static Tensor argmax(Tensor x, int axis) {
    int a = x.shape.normalizeAxis("argmax", axis);
    int[] perm = new int[x.rank()];
    for (int i = 0, p = 0; i < x.rank(); i++) {
      if (i != a) {
        perm[p++] = i;
      }
    }
    perm[x.rank() - 1] = a;
    float[] rowsData = MovementOps.permuteView(x, perm).buffer();
    int len = x.shape.dim(a);
    int[] outDims = new int[x.rank() - 1];
    for (int i = 0, o = 0; i < x.rank(); i++) {
      if (i != a) {
        outDims[o++] = x.shape.dim(i);
      }
    }
    Shape out = Shape.of(outDims);
    float[] o = new float[out.size()];
    for (int r = 0; r < o.length; r++) {
      int best = 0;
      for (int i = 1; i < len; i++) {
        if (rowsData[r * len + i] > rowsData[r * len + best]) {
          best = i;
        }
      }
      o[r] = best;
    }
    return new Tensor(o, out);
  }

  static boolean[] reducedAxes(String op, Shape shape, int[] axes) {
    boolean[] reduced = new boolean[shape.rank()];
    if (axes.length == 0) {
      java.util.Arrays.fill(reduced, true);
    }
    for (int axis : axes) {
      int a = shape.normalizeAxis(op, axis);
      if (reduced[a] && axes.length > 0) {
        throw new IllegalArgumentException(
            op + ": axis " + axis + " given twice for shape " + shape);
      }
      reduced[a] = true;
    }
    return reduced;
  }

  private static int[] axesOf(boolean[] reduced) {
    int n = 0;
    for (boolean r : reduced) {
      n += r ? 1 : 0;
    }
    int[] axes = new int[n];
    for (int i = 0, k = 0; i < reduced.length; i++) {
      if (reduced[i]) {
        axes[k++] = i;
      }
    }
    return axes;
  }

  private static float identity(ReduceFn f) {
    return f == ReduceFn.SUM
        ? 0f
        : f == ReduceFn.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
  }
}
