package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * A tensor's values and shape, read once, for the metrics' arithmetic. Metrics work on plain arrays
 * so that an update inside a {@link dev.graft.autodiff.GradientTape} scope records nothing.
 */
final class Values {
  final float[] data;
  final int[] dims;

  Values(float[] data, int[] dims) {
    this.data = data;
    this.dims = dims;
  }

  static Values of(Tensor t) {
    return new Values(t.toFloatArray(), t.shape().dims());
  }

  int rank() {
    return dims.length;
  }

  int size() {
    return data.length;
  }

  int last() {
    return dims[dims.length - 1];
  }

  Values reshape(int... newDims) {
    return new Values(data, newDims);
  }

  /** This array with a trailing axis of 1. */
  Values expandLast() {
    int[] d = Arrays.copyOf(dims, dims.length + 1);
    d[dims.length] = 1;
    return new Values(data, d);
  }

  /** This array without its trailing axis (which must be 1). */
  Values squeezeLast() {
    return new Values(data, Arrays.copyOf(dims, dims.length - 1));
  }

  Tensor toTensor() {
    return Tensor.of(data, dims);
  }

  /**
   * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer
   * array ends in an axis of 1, that axis is dropped, or, when the shorter one is rank 1 and {@code
   * expandRank1}, an axis of 1 is added to the shorter one.
   */
  static Values[] sameRank(Values a, Values b, boolean expandRank1) {
    if (a.rank() == b.rank() + 1 && a.last() == 1) {
      if (b.rank() == 1 && expandRank1) {
        b = b.expandLast();
      } else {
        a = a.squeezeLast();
      }
    } else if (b.rank() == a.rank() + 1 && b.last() == 1) {
      if (a.rank() == 1 && expandRank1) {
        a = a.expandLast();
      } else {
        b = b.squeezeLast();
      }
    }
    return new Values[] {a, b};
  }

  /**
   * These values broadcast to {@code target} by NumPy's rules (this array's rank may not exceed the
   * target's).
   *
   * @throws IllegalArgumentException naming {@code what} when the shapes do not broadcast
   */
  float[] broadcastTo(int[] target, String what) {
    if (Arrays.equals(dims, target)) {
      return data;
    }
    int rank = target.length;
    int offset = rank - dims.length;
    boolean ok = offset >= 0;
    int[] strides = new int[rank];
    int stride = 1;
    for (int i = dims.length - 1; ok && i >= 0; i--) {
      int d = dims[i];
      if (d != 1 && d != target[i + offset]) {
        ok = false;
      } else {
        strides[i + offset] = d == 1 ? 0 : stride;
        stride *= d;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(
          what
              + " of shape "
              + Arrays.toString(dims)
              + " cannot be broadcast to shape "
              + Arrays.toString(target)
              + "; pass one weight per sample, shape (batch), or one per value");
    }
    int n = 1;
    for (int d : target) {
      n *= d;
    }
    float[] out = new float[n];
    int[] index = new int[rank];
    int src = 0;
    for (int i = 0; i < n; i++) {
      out[i] = data[src];
      for (int axis = rank - 1; axis >= 0; axis--) {
        index[axis]++;
        src += strides[axis];
        if (index[axis] < target[axis]) {
          break;
        }
        src -= strides[axis] * target[axis];
        index[axis] = 0;
      }
    }
    return out;
  }

  /**
   * The NumPy broadcast of two shapes.
   *
   * @throws IllegalArgumentException naming {@code metric} when they do not broadcast
   */
  static int[] broadcastShape(String metric, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 1; i <= rank; i++) {
      int da = i <= a.length ? a[a.length - i] : 1;
      int db = i <= b.length ? b[b.length - i] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            metric
                + ": yTrue of shape "
                + Arrays.toString(a)
                + " and yPred of shape "
                + Arrays.toString(b)
                + " do not match; labels must have the predictions' shape (a trailing axis of 1"
                + " may be missing from one of them)");
      }
      out[rank - i] = Math.max(da, db);
    }
    return out;
  }

  /** The index of the first largest value of each run of {@code cols} values. */
  static int[] argmaxRows(float[] data, int cols) {
    int rows = cols == 0 ? 0 : data.length / cols;
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int best = 0;
      for (int c = 1; c < cols; c++) {
        if (data[base + c] > data[base + best]) {
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  static int product(int[] dims, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }
}
