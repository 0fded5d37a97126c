package dev.graft.tensor;

import dev.graft.tensor.kernels.Parallel;

/**
 * Walks a row-major output of some shape together with N strided operands, handing the kernel runs
 * along the innermost dimension. Adjacent dimensions are merged first when every operand allows it,
 * so same-shape and scalar-broadcast cases become one long run. Large walks are split over {@link
 * Parallel} threads; each output element is written by exactly one thread.
 */
final class StridedLoop {
  /** Processes {@code len} outputs from {@code outPos}; operand k starts at {@code pos[k]}. */
  @FunctionalInterface
  interface Run {
    void run(int[] pos, int[] innerStrides, int outPos, int len);
  }

  private static final int PARALLEL_MIN = 1 << 15;

  private StridedLoop() {}

  /** Strides that read {@code t} broadcast to {@code out} (0 along broadcast dimensions). */
  static int[] broadcastStrides(Tensor t, Shape out) {
    int rank = out.rank();
    int[] s = new int[rank];
    int shift = rank - t.rank();
    for (int i = shift; i < rank; i++) {
      s[i] = t.shape.dim(i - shift) == 1 && out.dim(i) != 1 ? 0 : t.strides[i - shift];
    }
    return s;
  }

  static void forEach(Shape out, int[][] strides, int[] offsets, Run body) {
    int[] dims = out.dims();
    int rank = dims.length;
    int n = out.size();
    if (n == 0) {
      return;
    }
    // Merge dimension i into i+1 where every operand is contiguous across them.
    int[] cd = new int[Math.max(rank, 1)];
    int[][] cs = new int[strides.length][Math.max(rank, 1)];
    int cr = 0;
    if (rank == 0) {
      cd[0] = 1;
      cr = 1;
    }
    for (int i = 0; i < rank; i++) {
      if (dims[i] == 1) {
        continue;
      }
      boolean merge = cr > 0;
      for (int k = 0; merge && k < strides.length; k++) {
        merge = cs[k][cr - 1] == strides[k][i] * dims[i];
      }
      if (merge) {
        cd[cr - 1] *= dims[i];
        for (int k = 0; k < strides.length; k++) {
          cs[k][cr - 1] = strides[k][i];
        }
      } else {
        cd[cr] = dims[i];
        for (int k = 0; k < strides.length; k++) {
          cs[k][cr] = strides[k][i];
        }
        cr++;
      }
    }
    if (cr == 0) {
      cd[0] = 1;
      cr = 1;
    }
    int inner = cd[cr - 1];
    int[] innerStrides = new int[strides.length];
    for (int k = 0; k < strides.length; k++) {
      innerStrides[k] = cs[k][cr - 1];
    }
    int runs = n / inner;
    final int rankC = cr;
    if (runs == 1) {
      // One long run: split it into chunks.
      int chunk = n >= PARALLEL_MIN ? PARALLEL_MIN / 2 : n;
      Parallel.forRange(
          n,
          chunk,
          (start, end) -> {
            int[] pos = new int[offsets.length];
            for (int k = 0; k < offsets.length; k++) {
              pos[k] = offsets[k] + start * innerStrides[k];
            }
            body.run(pos, innerStrides, start, end - start);
          });
      return;
    }
    int minRuns = n >= PARALLEL_MIN ? Math.max(1, (PARALLEL_MIN / 2) / inner) : runs;
    Parallel.forRange(
        runs,
        minRuns,
        (start, end) -> {
          int[] idx = new int[rankC - 1];
          int rem = start;
          for (int d = rankC - 2; d >= 0; d--) {
            idx[d] = rem % cd[d];
            rem /= cd[d];
          }
          int[] pos = new int[offsets.length];
          for (int r = start; r < end; r++) {
            for (int k = 0; k < offsets.length; k++) {
              int p = offsets[k];
              for (int d = 0; d < rankC - 1; d++) {
                p += idx[d] * cs[k][d];
              }
              pos[k] = p;
            }
            body.run(pos, innerStrides, r * inner, inner);
            for (int d = rankC - 2; d >= 0; d--) {
              if (++idx[d] < cd[d]) {
                break;
              }
              idx[d] = 0;
            }
          }
        });
  }
}
