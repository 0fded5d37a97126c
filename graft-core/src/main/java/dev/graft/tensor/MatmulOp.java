package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.Gemm;
import dev.graft.tensor.kernels.KernelProvider;

/**
 * Matrix multiply over the last two axes, with NumPy broadcasting over leading (batch) axes.
 * Operands are passed to GEMM with their strides, so transposed views cost no copy.
 */
final class MatmulOp {
  private MatmulOp() {}

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.rank() < 2 || b.rank() < 2 || a.shape.dim(-1) != b.shape.dim(-2)) {
      throw new IllegalArgumentException(
          "matmul: cannot multiply "
              + a.shape
              + " by "
              + b.shape
              + (a.rank() < 2 || b.rank() < 2
                  ? "; both operands need rank >= 2 (reshape a vector to (1, n) or (n, 1))"
                  : "; the last axis of the first must equal the second-to-last of the second"));
    }
    int m = a.shape.dim(-2);
    int k = a.shape.dim(-1);
    int n = b.shape.dim(-1);
    Shape batchA = Shape.of(java.util.Arrays.copyOf(a.shape.dims(), a.rank() - 2));
    Shape batchB = Shape.of(java.util.Arrays.copyOf(b.shape.dims(), b.rank() - 2));
    Shape batch;
    try {
      batch = Shape.broadcast("matmul", batchA, batchB);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "matmul: cannot multiply " + a.shape + " by " + b.shape + ": batch axes do not broadcast",
          e);
    }
    int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
    outDims[batch.rank()] = m;
    outDims[batch.rank() + 1] = n;
    Shape outShape = Shape.of(outDims);
    float[] c = new float[outShape.size()];
    int[] sa = batchStrides(a, batch);
    int[] sb = batchStrides(b, batch);
    Gemm gemm = KernelProvider.get().gemm();
    int batches = batch.size();
    int[] idx = new int[batch.rank()];
    for (int t = 0; t < batches; t++) {
      int offA = a.offset;
      int offB = b.offset;
      for (int i = 0; i < idx.length; i++) {
        offA += idx[i] * sa[i];
        offB += idx[i] * sb[i];
      }
      gemm.gemm(
          m,
          n,
          k,
          a.data,
          offA,
          a.strides[a.rank() - 2],
          a.strides[a.rank() - 1],
          b.data,
          offB,
          b.strides[b.rank() - 2],
          b.strides[b.rank() - 1],
          c,
          t * m * n,
          n,
          false);
      for (int i = idx.length - 1; i >= 0; i--) {
        if (++idx[i] < batch.dim(i)) {
          break;
        }
        idx[i] = 0;
      }
    }
    Tensor y = new Tensor(c, outShape);
    boolean needA = GradientTape.needsGradient(a);
    boolean needB = GradientTape.needsGradient(b);
    if (!needA && !needB) {
      return y;
    }
    // da reads b and db reads a: save each only when the other needs a gradient.
    Tensor av = needB ? a.valueForBackward() : null;
    Tensor bv = needA ? b.valueForBackward() : null;
    Shape as = a.shape;
    Shape bs = b.shape;
    GradientTape.record(
        "matmul",
        y,
        new Tensor[] {a, b},
        g -> {
          Tensor ga = bv == null ? null : ElementwiseOps.sumTo(matmul(g, swapLast(bv)), as);
          Tensor gb = av == null ? null : ElementwiseOps.sumTo(matmul(swapLast(av), g), bs);
          return new Tensor[] {ga, gb};
        });
    return y;
  }

  /** A view with the last two axes swapped. */
  private static Tensor swapLast(Tensor t) {
    int r = t.rank();
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i;
    }
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return MovementOps.permuteView(t, perm);
  }

  /** The strides of t's batch axes as broadcast to {@code batch} (0 along broadcast axes). */
  private static int[] batchStrides(Tensor t, Shape batch) {
    int tb = t.rank() - 2;
    int[] s = new int[batch.rank()];
    int shift = batch.rank() - tb;
    for (int i = shift; i < batch.rank(); i++) {
      s[i] = t.shape.dim(i - shift) == 1 ? 0 : t.strides[i - shift];
    }
    return s;
  }
}
