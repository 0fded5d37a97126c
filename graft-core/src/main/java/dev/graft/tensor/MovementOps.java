package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;

/**
 * The data-movement primitives, each with its gradient: reshape, transpose, broadcast and slice are
 * views where possible; pad, concat and gather copy.
 */
final class MovementOps {
  private MovementOps() {}

  /** A transposed view with no gradient recording (used internally by kernels' callers). */
  static Tensor permuteView(Tensor x, int[] perm) {
    int[] dims = new int[perm.length];
    int[] strides = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      dims[i] = x.shape.dim(perm[i]);
      strides[i] = x.strides[perm[i]];
    }
    return Tensor.view(x, x.offset, Shape.of(dims), strides);
  }

  static Tensor transpose(Tensor x, int[] perm) {
    int rank = x.rank();
    if (perm.length == 0) {
      perm = new int[rank];
      for (int i = 0; i < rank; i++) {
        perm[i] = rank - 1 - i;
      }
    }
    if (perm.length != rank) {
      throw new IllegalArgumentException(
          "transpose: permutation " + Arrays.toString(perm) + " does not match shape " + x.shape);
    }
    int[] inverse = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      int a = x.shape.normalizeAxis("transpose", perm[i]);
      if (seen[a]) {
        throw new IllegalArgumentException(
            "transpose: "
                + Arrays.toString(perm)
                + " is not a permutation of the axes of "
                + x.shape);
      }
      seen[a] = true;
      perm[i] = a;
      inverse[a] = i;
    }
    Tensor y = permuteView(x, perm);
    GradientTape.record(
        "transpose", y, new Tensor[] {x}, g -> new Tensor[] {permuteView(g, inverse)});
    return y;
  }

  static Tensor reshape(Tensor x, int[] newDims) {
    int[] dims = newDims.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException(
              "reshape: only one -1 allowed in " + Shape.format(newDims));
        }
        infer = i;
      } else {
        known *= dims[i];
      }
    }
    if (infer >= 0 && known > 0 && x.size() % known == 0) {
      dims[infer] = (int) (x.size() / known);
    }
    // An unresolved -1 (size not divisible) must reach the error below, not Shape's.
    Shape s = infer >= 0 && dims[infer] == -1 ? null : Shape.of(dims);
    if (s == null || s.size() != x.size() || (infer >= 0 && known == 0)) {
      throw new IllegalArgumentException(
          "reshape: cannot reshape "
              + x.shape
              + " ("
              + x.size()
              + " values) into "
              + Shape.format(newDims));
    }
    Tensor y =
        x.isContiguous()
            ? Tensor.view(x, x.offset, s, s.contiguousStrides())
            : new Tensor(x.toFloatArray(), s);
    Shape in = x.shape;
    GradientTape.record("reshape", y, new Tensor[] {x}, g -> new Tensor[] {reshape(g, in.dims())});
    return y;
  }

  static Tensor broadcastTo(Tensor x, Shape shape) {
    Shape check = Shape.broadcast("broadcastTo", x.shape, shape);
    if (!check.equals(shape)) {
      throw new IllegalArgumentException(
          "broadcastTo: cannot broadcast " + x.shape + " to " + shape);
    }
    Tensor y = Tensor.view(x, x.offset, shape, StridedLoop.broadcastStrides(x, shape));
    Shape in = x.shape; // rules capture shapes, never the tensors (the tape must not hold them)
    GradientTape.record(
        "broadcastTo", y, new Tensor[] {x}, g -> new Tensor[] {ElementwiseOps.sumTo(g, in)});
    return y;
  }

  /** {@code x[begin[0]:begin[0]+size[0], ...]}; a size of -1 means "to the end". */
  static Tensor slice(Tensor x, int[] callerBegin, int[] size) {
    int[] begin = callerBegin.clone(); // the gradient rule keeps it; callers may reuse theirs
    int rank = x.rank();
    if (begin.length != rank || size.length != rank) {
      throw new IllegalArgumentException(
          "slice: begin "
              + Arrays.toString(begin)
              + " and size "
              + Arrays.toString(size)
              + " must each have one entry per axis of "
              + x.shape);
    }
    int[] dims = new int[rank];
    int off = x.offset;
    for (int i = 0; i < rank; i++) {
      int d = x.shape.dim(i);
      int len = size[i] == -1 ? d - begin[i] : size[i];
      if (begin[i] < 0 || len < 0 || begin[i] + len > d) {
        throw new IllegalArgumentException(
            "slice: begin "
                + Arrays.toString(begin)
                + " size "
                + Arrays.toString(size)
                + " is outside shape "
                + x.shape);
      }
      dims[i] = len;
      off += begin[i] * x.strides[i];
    }
    Tensor y = Tensor.view(x, off, Shape.of(dims), x.strides.clone());
    Shape in = x.shape;
    GradientTape.record(
        "slice",
        y,
        new Tensor[] {x},
        g -> {
          Tensor dx = Tensor.zeros(in.dims());
          Tensor window = Tensor.view(dx, sliceOffset(dx, begin), g.shape, dx.strides);
          copy(g, window);
          return new Tensor[] {dx};
        });
    return y;
  }

  private static int sliceOffset(Tensor t, int[] begin) {
    int off = t.offset;
    for (int i = 0; i < begin.length; i++) {
      off += begin[i] * t.strides[i];
    }
    return off;
  }

  /** Copies src's values into the (possibly strided) view dst of the same shape. */
  static void copy(Tensor src, Tensor dst) {
    StridedLoop.forEach(
        dst.shape,
        new int[][] {src.strides, dst.strides},
        new int[] {src.offset, dst.offset},
        (pos, inner, outPos, len) -> {
          for (int i = 0; i < len; i++) {
            dst.data[pos[1] + i * inner[1]] = src.data[pos[0] + i * inner[0]];
          }
        });
  }

  /** Pads each axis i with {@code pads[i][0]} before and {@code pads[i][1]} after. */
  static Tensor pad(Tensor x, int[][] pads, PadMode mode, float value) {
    int rank = x.rank();
    if (pads.length != rank) {
      throw new IllegalArgumentException(
          "pad: "
              + pads.length
              + " (before, after) pairs given for shape "
              + x.shape
              + "; give one per axis");
    }
    int[] dims = new int[rank];
    int[][] maps = new int[rank][];
    for (int i = 0; i < rank; i++) {
      int d = x.shape.dim(i);
      int before = pads[i][0];
      int after = pads[i][1];
      int limit = mode == PadMode.REFLECT ? d - 1 : d;
      if (before < 0
          || after < 0
          || (mode != PadMode.CONSTANT && (before > limit || after > limit))) {
        throw new IllegalArgumentException(
            "pad: padding ("
                + before
                + ", "
                + after
                + ") on axis "
                + i
                + " of "
                + x.shape
                + " is invalid for mode "
                + mode
                + (mode == PadMode.CONSTANT ? "" : "; it must be at most " + limit));
      }
      dims[i] = d + before + after;
      maps[i] = new int[dims[i]];
      for (int o = 0; o < dims[i]; o++) {
        maps[i][o] = sourceIndex(o - before, d, mode);
      }
    }
    Shape out = Shape.of(dims);
    float[] o = new float[out.size()];
    Tensor xc = x.contiguous();
    int[] xs = xc.strides;
    forEachMapped(out, maps, xs, (outPos, src) -> o[outPos] = src < 0 ? value : xc.data[src]);
    Tensor y = new Tensor(o, out);
    Shape in = x.shape;
    GradientTape.record(
        "pad",
        y,
        new Tensor[] {x},
        g -> {
          float[] gd = g.buffer();
          float[] dx = new float[in.size()];
          forEachMapped(
              out,
              maps,
              xs,
              (outPos, src) -> {
                if (src >= 0) {
                  dx[src] += gd[outPos];
                }
              });
          return new Tensor[] {new Tensor(dx, in)};
        });
    return y;
  }

  private static int sourceIndex(int i, int d, PadMode mode) {
    if (i >= 0 && i < d) {
      return i;
    }
    switch (mode) {
      case CONSTANT:
        return -1;
      case REFLECT:
        return i < 0 ? -i : 2 * (d - 1) - i;
      case SYMMETRIC:
        return i < 0 ? -i - 1 : 2 * d - 1 - i;
    }
    throw new AssertionError(mode);
  }

  @FunctionalInterface
  private interface MappedBody {
    void accept(int outPos, int srcPos);
  }

  /** Visits every output position with its source position (-1 when it maps to padding). */
  private static void forEachMapped(Shape out, int[][] maps, int[] srcStrides, MappedBody body) {
    int rank = out.rank();
    int n = out.size();
    int[] idx = new int[rank];
    for (int pos = 0; pos < n; pos++) {
      int src = 0;
      for (int i = 0; i < rank; i++) {
        int m = maps[i][idx[i]];
        if (m < 0) {
          src = -1;
          break;
        }
        src += m * srcStrides[i];
      }
      body.accept(pos, src);
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < out.dim(i)) {
          break;
        }
        idx[i] = 0;
      }
    }
  }

  static Tensor concat(int axis, Tensor... callerParts) {
    Tensor[] parts = callerParts.clone(); // the gradient rule keeps it; callers may reuse theirs
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat: needs at least one tensor");
    }
    Shape first = parts[0].shape;
    int a = first.normalizeAxis("concat", axis);
    int total = 0;
    for (Tensor t : parts) {
      boolean ok = t.rank() == first.rank();
      for (int i = 0; ok && i < first.rank(); i++) {
        ok = i == a || t.shape.dim(i) == first.dim(i);
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "concat: shapes " + first + " and " + t.shape + " differ outside axis " + axis);
      }
      total += t.shape.dim(a);
    }
    int[] dims = first.dims();
    dims[a] = total;
    Tensor y = Tensor.zeros(dims);
    int[] begin = new int[dims.length];
    int[] starts = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      starts[k] = begin[a];
      Tensor window = Tensor.view(y, sliceOffset(y, begin), parts[k].shape, y.strides);
      copy(parts[k], window);
      begin[a] += parts[k].shape.dim(a);
    }
    Shape[] shapes = new Shape[parts.length];
    for (int k = 0; k < parts.length; k++) {
      shapes[k] = parts[k].shape;
    }
    GradientTape.record(
        "concat",
        y,
        parts,
        g -> {
          Tensor[] grads = new Tensor[shapes.length];
          for (int k = 0; k < shapes.length; k++) {
            int[] b = new int[dims.length];
            b[a] = starts[k];
            grads[k] = slice(g, b, shapes[k].dims());
          }
          return grads;
        });
    return y;
  }

  /**
   * Takes the entries of {@code x} along {@code axis} at {@code indices} (integer values stored as
   * floats). The result has shape {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}.
   */
  static Tensor gather(Tensor x, Tensor indices, int axis) {
    int a = x.shape.normalizeAxis("gather", axis);
    int d = x.shape.dim(a);
    float[] idx = indices.toFloatArray();
    int[] ix = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      int v = (int) idx[i];
      if (v != idx[i] || v < 0 || v >= d) {
        throw new IllegalArgumentException(
            "gather: index "
                + idx[i]
                + " is not an integer in [0, "
                + d
                + ") for axis "
                + axis
                + " of "
                + x.shape);
      }
      ix[i] = v;
    }
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= x.shape.dim(i);
    }
    int inner = x.size() / Math.max(1, outer * d);
    int[] outDims = new int[x.rank() - 1 + indices.rank()];
    int p = 0;
    for (int i = 0; i < a; i++) {
      outDims[p++] = x.shape.dim(i);
    }
    for (int i = 0; i < indices.rank(); i++) {
      outDims[p++] = indices.shape.dim(i);
    }
    for (int i = a + 1; i < x.rank(); i++) {
      outDims[p++] = x.shape.dim(i);
    }
    float[] xd = x.buffer();
    float[] o = new float[outer * ix.length * inner];
    for (int b = 0; b < outer; b++) {
      for (int j = 0; j < ix.length; j++) {
        System.arraycopy(xd, (b * d + ix[j]) * inner, o, (b * ix.length + j) * inner, inner);
      }
    }
    Tensor y = new Tensor(o, Shape.of(outDims));
    final int outerF = outer;
    Shape in = x.shape;
    GradientTape.record(
        "gather",
        y,
        new Tensor[] {x, indices},
        g -> {
          float[] gd = g.buffer();
          float[] dx = new float[in.size()];
          for (int b = 0; b < outerF; b++) {
            for (int j = 0; j < ix.length; j++) {
              int src = (b * ix.length + j) * inner;
              int dst = (b * d + ix[j]) * inner;
              for (int t = 0; t < inner; t++) {
                dx[dst + t] += gd[src + t];
              }
            }
          }
          return new Tensor[] {new Tensor(dx, in), null};
        });
    return y;
  }

  /** One-hot rows of length {@code depth}; indices outside {@code [0, depth)} give zero rows. */
  static Tensor oneHot(Tensor indices, int depth) {
    float[] idx = indices.toFloatArray();
    int[] dims = Arrays.copyOf(indices.shape.dims(), indices.rank() + 1);
    dims[indices.rank()] = depth;
    float[] o = new float[idx.length * depth];
    for (int i = 0; i < idx.length; i++) {
      int v = (int) idx[i];
      if (v == idx[i] && v >= 0 && v < depth) {
        o[i * depth + v] = 1f;
      }
    }
    return new Tensor(o, Shape.of(dims));
  }
}
