package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reshape, transpose, broadcastTo, slice, pad, concat, stack, split, gather and oneHot against
 * naive index-mapping references, forward and backward.
 */
class MovementOpsTest {
  private final Rng rng = new Rng(41);

  private Tensor rand(int... shape) {
    return rng.uniform(-1f, 1f, shape);
  }

  @Test
  void reshape() {
    int[][][] cases = {
      {{2, 3, 4}, {6, 4}},
      {{2, 3, 4}, {-1}},
      {{2, 3, 4}, {4, -1}},
      {{2, 3, 4}, {2, -1, 2}},
      {{1}, {}},
      {{}, {1, 1}},
      {{7, 13}, {13, 7}},
      {{33, 1}, {1, -1, 3}},
    };
    for (int[][] c : cases) {
      int[] from = c[0];
      int[] to = c[1];
      int[] resolved = resolve(to, Nd.sizeOf(from));
      OpCheck.op("reshape", in -> Ops.reshape(in[0], to), in -> in[0].reshape(resolved))
          .check(rand(from));
    }
    // A non-contiguous view is reshaped in row-major order of its logical indices.
    OpCheck.op(
            "reshape transposed", in -> Ops.reshape(in[0], -1), in -> in[0].reshape(in[0].size()))
        .check(Ops.transpose(rand(3, 5)));
    OpCheck.op("reshape sliced", in -> Ops.reshape(in[0], 2, 6), in -> in[0].reshape(2, 6))
        .check(Ops.slice(rand(5, 6), new int[] {1, 1}, new int[] {3, 4}));
  }

  private static int[] resolve(int[] dims, int size) {
    int[] r = dims.clone();
    int known = 1;
    int infer = -1;
    for (int i = 0; i < r.length; i++) {
      if (r[i] == -1) {
        infer = i;
      } else {
        known *= r[i];
      }
    }
    if (infer >= 0) {
      r[infer] = size / known;
    }
    return r;
  }

  @Test
  void transpose() {
    Tensor x = rand(2, 3, 4);
    int[][] perms = {{1, 0, 2}, {2, 0, 1}, {0, 1, 2}, {2, 1, 0}, {-1, 0, -2}};
    for (int[] perm : perms) {
      int[] p = perm.clone();
      for (int i = 0; i < p.length; i++) {
        p[i] = p[i] < 0 ? p[i] + 3 : p[i];
      }
      OpCheck.op("transpose", in -> Ops.transpose(in[0], perm), in -> in[0].permute(p)).check(x);
    }
    OpCheck.op("transpose default", in -> Ops.transpose(in[0]), in -> in[0].permute(2, 1, 0))
        .check(x);
    // Transposing a transposed view, and a large one.
    OpCheck.op(
            "transpose twice",
            in -> Ops.transpose(Ops.transpose(in[0], 1, 2, 0), 2, 0, 1),
            in -> in[0])
        .check(x);
    OpCheck.op("transpose large", in -> Ops.transpose(in[0]), in -> in[0].permute(1, 0))
        .samples(20)
        .check(rand(190, 181));
  }

  @Test
  void broadcastTo() {
    int[][][] cases = {
      {{3, 1}, {2, 3, 4}},
      {{4}, {3, 4}},
      {{}, {2, 2}},
      {{1}, {5}},
      {{2, 1, 3}, {2, 7, 3}},
      {{3, 4}, {3, 4}}
    };
    for (int[][] c : cases) {
      Nd target = Nd.zeros(c[1]);
      OpCheck.op(
              "broadcastTo",
              in -> Ops.broadcastTo(in[0], c[1]),
              in -> Nd.zip(in[0], target, (a, unused) -> a))
          .check(rand(c[0]));
    }
  }

  /** {@code x[begin : begin + size]} per axis, by explicit index arithmetic. */
  static Nd slice(Nd x, int[] begin, int[] size) {
    int[] dims = new int[x.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = size[i] == -1 ? x.shape[i] - begin[i] : size[i];
    }
    Nd o = Nd.zeros(dims);
    int[] src = new int[dims.length];
    int[] k = {0};
    Nd.forEachIndex(
        dims,
        idx -> {
          for (int i = 0; i < dims.length; i++) {
            src[i] = idx[i] + begin[i];
          }
          o.v[k[0]++] = x.get(src);
        });
    return o;
  }

  @Test
  void sliceForwardAndGradient() {
    Tensor x = rand(4, 5, 6);
    int[][][] cases = {
      {{0, 0, 0}, {4, 5, 6}},
      {{1, 2, 3}, {2, 2, 2}},
      {{3, 0, 5}, {1, -1, 1}},
      {{0, 4, 0}, {-1, 1, -1}},
      {{2, 1, 0}, {0, 3, 6}},
    };
    for (int[][] c : cases) {
      OpCheck.op("slice", in -> Ops.slice(in[0], c[0], c[1]), in -> slice(in[0], c[0], c[1]))
          .check(x);
    }
    // A slice of a transposed view, and a slice of a slice.
    Tensor t = Ops.transpose(rand(6, 5));
    OpCheck.op(
            "slice of transpose",
            in -> Ops.slice(in[0], new int[] {1, 2}, new int[] {3, 3}),
            in -> slice(in[0], new int[] {1, 2}, new int[] {3, 3}))
        .check(t);
    OpCheck.op(
            "slice of slice",
            in ->
                Ops.slice(
                    Ops.slice(in[0], new int[] {1, 1, 1}, new int[] {3, 4, 5}),
                    new int[] {1, 0, 2},
                    new int[] {2, 3, -1}),
            in ->
                slice(
                    slice(in[0], new int[] {1, 1, 1}, new int[] {3, 4, 5}),
                    new int[] {1, 0, 2},
                    new int[] {2, 3, -1}))
        .check(x);
  }

  @Test
  void sliceGradientIsUnaffectedByReusingTheBeginArray() {
    // Callers often step one begin array through a tensor; the recorded slices must not see it.
    Tensor x = Tensor.vector(1f, 2f, 3f, 4f, 5f, 6f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(x);
      int[] begin = {0};
      Tensor loss = Tensor.scalar(0);
      for (int i = 0; i < 3; i++) {
        Tensor part = Ops.slice(x, begin, new int[] {2});
        loss = Ops.add(loss, Ops.mul(Ops.sum(part), Tensor.scalar(i + 1)));
        begin[0] += 2;
      }
      assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, tape.gradient(loss, x).toFloatArray());
    }
  }

  @Test
  void concatGradientIsUnaffectedByReusingThePartsArray() {
    Tensor a = Tensor.vector(1f, 2f);
    Tensor b = Tensor.vector(3f);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(a, b);
      Tensor[] parts = {a, b};
      Tensor y = Ops.concat(0, parts);
      parts[0] = Tensor.vector(9f, 9f, 9f);
      Tensor loss = Ops.sum(Ops.mul(y, Tensor.vector(1f, 2f, 3f)));
      List<Tensor> g = tape.gradient(loss, List.of(a, b));
      assertArrayEquals(new float[] {1, 2}, g.get(0).toFloatArray());
      assertArrayEquals(new float[] {3}, g.get(1).toFloatArray());
    }
  }

  // ---- pad ----

  /** NumPy's pad index mapping, by folding the index back into range as often as needed. */
  static int padSource(int i, int d, PadMode mode) {
    if (i >= 0 && i < d) {
      return i;
    }
    if (mode == PadMode.CONSTANT) {
      return -1;
    }
    if (mode == PadMode.REFLECT) {
      int period = 2 * (d - 1);
      int m = ((i % period) + period) % period;
      return m < d ? m : period - m;
    }
    int period = 2 * d;
    int m = ((i % period) + period) % period;
    return m < d ? m : period - 1 - m;
  }

  static Nd pad(Nd x, int[][] pads, PadMode mode, double value) {
    int[] dims = new int[x.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = x.shape[i] + pads[i][0] + pads[i][1];
    }
    Nd o = Nd.zeros(dims);
    int[] src = new int[dims.length];
    int[] k = {0};
    Nd.forEachIndex(
        dims,
        idx -> {
          boolean inside = true;
          for (int i = 0; i < dims.length; i++) {
            src[i] = padSource(idx[i] - pads[i][0], x.shape[i], mode);
            inside &= src[i] >= 0;
          }
          o.v[k[0]++] = inside ? x.get(src) : value;
        });
    return o;
  }

  @Test
  void padReferenceMatchesNumPyExamples() {
    // np.pad([1, 2, 3], 2, mode='reflect') == [3, 2, 1, 2, 3, 2, 1]
    Nd a = new Nd(new double[] {1, 2, 3}, 3);
    assertArrayEquals(
        new double[] {3, 2, 1, 2, 3, 2, 1}, pad(a, new int[][] {{2, 2}}, PadMode.REFLECT, 0).v);
    // np.pad([1, 2, 3], 2, mode='symmetric') == [2, 1, 1, 2, 3, 3, 2]
    assertArrayEquals(
        new double[] {2, 1, 1, 2, 3, 3, 2}, pad(a, new int[][] {{2, 2}}, PadMode.SYMMETRIC, 0).v);
  }

  @Test
  void padAllModes() {
    Tensor x = rand(3, 4, 5);
    int[][][] padCases = {
      {{0, 0}, {0, 0}, {0, 0}},
      {{1, 2}, {0, 3}, {2, 1}},
      {{2, 2}, {3, 3}, {4, 0}},
      {{0, 1}, {1, 0}, {4, 4}},
    };
    for (PadMode mode : PadMode.values()) {
      for (int[][] pads : padCases) {
        if (mode == PadMode.REFLECT && !fitsReflect(pads, x.shape().dims())) {
          continue;
        }
        OpCheck.op(
                "pad " + mode + " " + Arrays.deepToString(pads),
                in -> Ops.pad(in[0], pads, mode, 2.5f),
                in -> pad(in[0], pads, mode, 2.5))
            .check(x);
      }
    }
    // Zero padding through the short form, on a transposed view.
    int[][] p = {{1, 1}, {2, 0}};
    OpCheck.op("pad zeros", in -> Ops.pad(in[0], p), in -> pad(in[0], p, PadMode.CONSTANT, 0))
        .check(Ops.transpose(rand(4, 3)));
    // Reflect of a length-1 axis with no padding, symmetric with full-width padding.
    int[][] q = {{0, 0}, {7, 7}};
    OpCheck.op(
            "pad symmetric full",
            in -> Ops.pad(in[0], q, PadMode.SYMMETRIC, 0),
            in -> pad(in[0], q, PadMode.SYMMETRIC, 0))
        .check(rand(1, 7));
    OpCheck.op(
            "pad reflect full",
            in -> Ops.pad(in[0], new int[][] {{0, 0}, {6, 6}}, PadMode.REFLECT, 0),
            in -> pad(in[0], new int[][] {{0, 0}, {6, 6}}, PadMode.REFLECT, 0))
        .check(rand(1, 7));
  }

  private static boolean fitsReflect(int[][] pads, int[] dims) {
    for (int i = 0; i < dims.length; i++) {
      if (pads[i][0] > dims[i] - 1 || pads[i][1] > dims[i] - 1) {
        return false;
      }
    }
    return true;
  }

  // ---- concat, stack, split ----

  static Nd concat(int axis, Nd... parts) {
    int a = axis < 0 ? axis + parts[0].rank() : axis;
    int[] dims = parts[0].shape.clone();
    dims[a] = 0;
    for (Nd p : parts) {
      dims[a] += p.shape[a];
    }
    Nd o = Nd.zeros(dims);
    int[] src = new int[dims.length];
    int[] k = {0};
    Nd.forEachIndex(
        dims,
        idx -> {
          System.arraycopy(idx, 0, src, 0, idx.length);
          int part = 0;
          while (src[a] >= parts[part].shape[a]) {
            src[a] -= parts[part].shape[a];
            part++;
          }
          o.v[k[0]++] = parts[part].get(src);
        });
    return o;
  }

  @Test
  void concat() {
    OpCheck.op("concat 0", in -> Ops.concat(0, in), in -> concat(0, in))
        .check(rand(2, 3), rand(1, 3), rand(4, 3));
    OpCheck.op("concat 1", in -> Ops.concat(1, in), in -> concat(1, in))
        .check(rand(2, 3, 2), rand(2, 1, 2), Ops.transpose(rand(2, 5, 2), 2, 1, 0));
    OpCheck.op("concat -1", in -> Ops.concat(-1, in), in -> concat(-1, in))
        .check(rand(3, 1), Ops.slice(rand(5, 6), new int[] {1, 1}, new int[] {3, 4}), rand(3, 2));
    OpCheck.op("concat one", in -> Ops.concat(0, in), in -> concat(0, in)).check(rand(7));
    // The same tensor twice: gradients add.
    Tensor x = rand(2, 2);
    OpCheck.op("concat self", in -> Ops.concat(0, in[0], in[0]), in -> concat(0, in[0], in[0]))
        .check(x);
  }

  @Test
  void stack() {
    Tensor a = rand(2, 3);
    Tensor b = rand(2, 3);
    Tensor c = Ops.transpose(rand(3, 2));
    for (int axis : new int[] {0, 1, 2, -1, -3}) {
      int at = axis < 0 ? axis + 3 : axis;
      OpCheck.op(
              "stack " + axis,
              in -> Ops.stack(axis, in),
              in -> {
                Nd[] expanded = new Nd[in.length];
                for (int i = 0; i < in.length; i++) {
                  int[] dims = new int[3];
                  for (int d = 0, s = 0; d < 3; d++) {
                    dims[d] = d == at ? 1 : in[i].shape[s++];
                  }
                  expanded[i] = in[i].reshape(dims);
                }
                return concat(at, expanded);
              })
          .check(a, b, c);
    }
    // Scalars stack into a vector.
    OpCheck.op(
            "stack scalars",
            in -> Ops.stack(0, in),
            in -> new Nd(new double[] {in[0].v[0], in[1].v[0]}, 2))
        .check(Tensor.scalar(3f), Tensor.scalar(-1f));
  }

  @Test
  void split() {
    Tensor x = rand(4, 9);
    int[] sizes = {2, 0, 4, 3};
    for (int k = 0; k < sizes.length; k++) {
      int part = k;
      int begin = Arrays.stream(sizes).limit(k).sum();
      OpCheck.op(
              "split part " + k,
              in -> Ops.split(in[0], -1, sizes)[part],
              in -> slice(in[0], new int[] {0, begin}, new int[] {4, sizes[part]}))
          .check(x);
    }
    Tensor[] rows = Ops.split(Ops.transpose(x), 0, 5, 4);
    assertEquals(List.of(5, 4), List.of(rows[0].shape().dim(0), rows[1].shape().dim(0)));
    assertEquals(x.get(1, 6), rows[1].get(1, 1));
  }

  // ---- gather, oneHot ----

  static Nd gather(Nd x, Nd indices, int axis) {
    int a = axis < 0 ? axis + x.rank() : axis;
    int[] dims = new int[x.rank() - 1 + indices.rank()];
    int p = 0;
    for (int i = 0; i < a; i++) {
      dims[p++] = x.shape[i];
    }
    for (int i = 0; i < indices.rank(); i++) {
      dims[p++] = indices.shape[i];
    }
    for (int i = a + 1; i < x.rank(); i++) {
      dims[p++] = x.shape[i];
    }
    Nd o = Nd.zeros(dims);
    int[] src = new int[x.rank()];
    int[] ii = new int[indices.rank()];
    int[] k = {0};
    Nd.forEachIndex(
        dims,
        idx -> {
          for (int i = 0; i < a; i++) {
            src[i] = idx[i];
          }
          System.arraycopy(idx, a, ii, 0, ii.length);
          src[a] = (int) indices.get(ii);
          for (int i = a + 1; i < x.rank(); i++) {
            src[i] = idx[i - 1 + indices.rank()];
          }
          o.v[k[0]++] = x.get(src);
        });
    return o;
  }

  @Test
  void gatherWithRepeatedIndicesAccumulatesTheGradient() {
    Tensor x = rand(5, 3, 4);
    Tensor idx = Tensor.vector(4, 0, 4, 2, 4);
    Tensor idx2 = Tensor.of(new float[] {1, 1, 0, 2, 2, 2}, 2, 3);
    for (int axis : new int[] {0, 1, -1, 2}) {
      Tensor ix = axis == 0 ? idx : idx2;
      OpCheck.op(
              "gather axis " + axis,
              in -> Ops.gather(in[0], in[1], axis),
              in -> gather(in[0], in[1], axis))
          .noGrad(1)
          .check(x, ix);
    }
    OpCheck.op(
            "gather scalar index", in -> Ops.gather(in[0], in[1], 1), in -> gather(in[0], in[1], 1))
        .noGrad(1)
        .check(x, Tensor.scalar(2));
    OpCheck.op("gather from view", in -> Ops.gather(in[0], in[1], 0), in -> gather(in[0], in[1], 0))
        .noGrad(1)
        .check(Ops.transpose(rand(3, 6)), Tensor.vector(5, 5, 1));
    // An embedding-style lookup: row 1 used three times gets three times the gradient.
    Tensor table = rand(3, 2);
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(table);
      Tensor g = tape.gradient(Ops.sum(Ops.gather(table, Tensor.vector(1, 1, 0, 1), 0)), table);
      assertArrayEquals(new float[] {1, 1, 3, 3, 0, 0}, g.toFloatArray());
    }
  }

  @Test
  void oneHot() {
    Tensor idx = Tensor.of(new float[] {0, 3, 1, 3, 2, 0}, 2, 3);
    Tensor y = Ops.oneHot(idx, 4);
    assertArrayEquals(new int[] {2, 3, 4}, y.shape().dims());
    Nd.forEachIndex(
        new int[] {2, 3, 4},
        i -> assertEquals(idx.get(i[0], i[1]) == i[2] ? 1f : 0f, y.get(i), Arrays.toString(i)));
    // Out-of-range indices give all-zero rows; a scalar index gives a vector.
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 0, 0, 1, 0},
        Ops.oneHot(Tensor.vector(3, -1, 1), 3).toFloatArray());
    assertArrayEquals(new float[] {0, 0, 1}, Ops.oneHot(Tensor.scalar(2), 3).toFloatArray());
    assertArrayEquals(new int[] {3}, Ops.oneHot(Tensor.scalar(2), 3).shape().dims());
  }
}
