package dev.graft.tensor;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A double-precision n-dimensional array for the tests' reference implementations. It shares no
 * code with graft's ops: indexing, broadcasting and reductions are written here as plain loops, so
 * a bug in graft cannot hide in both the op and its expected value.
 */
final class Nd {
  final int[] shape;
  final double[] v;

  Nd(double[] v, int... shape) {
    if (v.length != sizeOf(shape)) {
      throw new IllegalArgumentException(v.length + " values for shape " + Arrays.toString(shape));
    }
    this.shape = shape.clone();
    this.v = v;
  }

  static Nd zeros(int... shape) {
    return new Nd(new double[sizeOf(shape)], shape);
  }

  static Nd scalar(double x) {
    return new Nd(new double[] {x});
  }

  /** The tensor's values, read one element at a time through {@link Tensor#get}. */
  static Nd of(Tensor t) {
    int[] s = t.shape().dims();
    Nd out = zeros(s);
    forEachIndex(s, idx -> out.set(t.get(idx), idx));
    return out;
  }

  Nd copy() {
    return new Nd(v.clone(), shape);
  }

  int rank() {
    return shape.length;
  }

  int size() {
    return v.length;
  }

  static int sizeOf(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  int flat(int... idx) {
    int pos = 0;
    for (int i = 0; i < shape.length; i++) {
      if (idx[i] < 0 || idx[i] >= shape[i]) {
        throw new IndexOutOfBoundsException(Arrays.toString(idx) + " in " + Arrays.toString(shape));
      }
      pos = pos * shape[i] + idx[i];
    }
    return pos;
  }

  double get(int... idx) {
    return v[flat(idx)];
  }

  void set(double x, int... idx) {
    v[flat(idx)] = x;
  }

  /** Calls {@code body} with every index of {@code shape} in row-major order (array reused). */
  static void forEachIndex(int[] shape, Consumer<int[]> body) {
    int n = sizeOf(shape);
    int[] idx = new int[shape.length];
    for (int k = 0; k < n; k++) {
      body.accept(idx);
      for (int i = shape.length - 1; i >= 0; i--) {
        if (++idx[i] < shape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
  }

  Nd map(DoubleUnaryOperator f) {
    double[] o = new double[v.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = f.applyAsDouble(v[i]);
    }
    return new Nd(o, shape);
  }

  /** NumPy's broadcast of two shapes (right-aligned; a 1 stretches). */
  static int[] broadcastShape(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("no broadcast");
      }
      out[i] = Math.max(da, db) == 1 ? 1 : (da == 1 ? db : da);
    }
    return out;
  }

  /** The element of this array that lands on output index {@code outIdx} under broadcasting. */
  double getBroadcast(int[] outIdx) {
    int shift = outIdx.length - shape.length;
    int pos = 0;
    for (int i = 0; i < shape.length; i++) {
      int j = shape[i] == 1 ? 0 : outIdx[i + shift];
      pos = pos * shape[i] + j;
    }
    return v[pos];
  }

  static Nd zip(Nd a, Nd b, DoubleBinaryOperator f) {
    int[] out = broadcastShape(a.shape, b.shape);
    Nd o = zeros(out);
    int[] k = {0};
    forEachIndex(
        out, idx -> o.v[k[0]++] = f.applyAsDouble(a.getBroadcast(idx), b.getBroadcast(idx)));
    return o;
  }

  interface Ternary {
    double apply(double a, double b, double c);
  }

  static Nd zip3(Nd a, Nd b, Nd c, Ternary f) {
    int[] out = broadcastShape(broadcastShape(a.shape, b.shape), c.shape);
    Nd o = zeros(out);
    int[] k = {0};
    forEachIndex(
        out,
        idx ->
            o.v[k[0]++] = f.apply(a.getBroadcast(idx), b.getBroadcast(idx), c.getBroadcast(idx)));
    return o;
  }

  /** Reduction kinds for {@link #reduce}. */
  enum Red {
    SUM,
    MAX,
    MIN
  }

  /** Reduces over {@code axes} (negative allowed; empty means all), as NumPy. */
  Nd reduce(Red kind, boolean keepDims, int... axes) {
    boolean[] red = new boolean[rank()];
    if (axes.length == 0) {
      Arrays.fill(red, true);
    }
    for (int a : axes) {
      red[a < 0 ? a + rank() : a] = true;
    }
    int[] keep = shape.clone();
    int kept = 0;
    for (int i = 0; i < rank(); i++) {
      if (red[i]) {
        keep[i] = 1;
      } else {
        kept++;
      }
    }
    double init =
        kind == Red.SUM ? 0 : kind == Red.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    Nd acc = zeros(keep);
    Arrays.fill(acc.v, init);
    int[] kidx = new int[rank()];
    forEachIndex(
        shape,
        idx -> {
          for (int i = 0; i < idx.length; i++) {
            kidx[i] = red[i] ? 0 : idx[i];
          }
          int p = acc.flat(kidx);
          double x = get(idx);
          acc.v[p] =
              kind == Red.SUM
                  ? acc.v[p] + x
                  : kind == Red.MAX ? Math.max(acc.v[p], x) : Math.min(acc.v[p], x);
        });
    if (keepDims) {
      return acc;
    }
    int[] dims = new int[kept];
    for (int i = 0, o = 0; i < rank(); i++) {
      if (!red[i]) {
        dims[o++] = shape[i];
      }
    }
    return new Nd(acc.v, dims);
  }

  /** Transposes with {@code perm} (output axis i is input axis perm[i]). */
  Nd permute(int... perm) {
    int[] dims = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      dims[i] = shape[perm[i]];
    }
    Nd o = zeros(dims);
    int[] src = new int[perm.length];
    int[] k = {0};
    forEachIndex(
        dims,
        idx -> {
          for (int i = 0; i < perm.length; i++) {
            src[perm[i]] = idx[i];
          }
          o.v[k[0]++] = get(src);
        });
    return o;
  }

  /** Same values, new shape (row-major). */
  Nd reshape(int... dims) {
    return new Nd(v.clone(), dims);
  }

  double sumAll() {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Override
  public String toString() {
    return "Nd"
        + Arrays.toString(shape)
        + " "
        + Arrays.toString(Arrays.copyOf(v, Math.min(8, size())));
  }
}
