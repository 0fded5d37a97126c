package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import java.util.Arrays;

/**
 * An n-dimensional array of float32 values: a flat buffer, an offset, a {@link Shape} and row-major
 * strides. Tensors are values: every op returns a new tensor and never changes its inputs. Reshape,
 * transpose and slice return views that share the buffer when they can; other ops write fresh
 * contiguous buffers. Images use the channels-last (NHWC) convention, as Keras does.
 *
 * <p>Ops live in {@link Ops}; the most common ones also have instance shortcuts here ({@code
 * a.add(b)} is {@code Ops.add(a, b)}).
 */
public class Tensor {
  final float[] data;
  final int offset;
  final Shape shape;
  final int[] strides;

  /** The buffer is a variable's (this is the variable or a view of it): assignments change it. */
  final boolean mutable;

  private Tensor(float[] data, int offset, Shape shape, int[] strides, boolean mutable) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
    this.mutable = mutable;
  }

  /** A contiguous tensor over {@code data} (not copied). */
  Tensor(float[] data, Shape shape) {
    this(data, 0, shape, shape.contiguousStrides(), false);
  }

  /**
   * A tensor over a copy of its source's values, for subclasses such as {@code Variable} that own
   * their buffer.
   */
  protected Tensor(Tensor source) {
    this(source.toFloatArray(), 0, source.shape, source.shape.contiguousStrides(), true);
  }

  /** A view sharing {@code source}'s buffer (and its mutability) with another layout. */
  static Tensor view(Tensor source, int offset, Shape shape, int[] strides) {
    return new Tensor(source.data, offset, shape, strides, source.mutable);
  }

  /**
   * The values a gradient rule may read later: a copy when an open tape may record this op and the
   * buffer is a variable's (a later assignment must not change the gradient, as in TensorFlow),
   * else this tensor.
   */
  Tensor valueForBackward() {
    return mutable && GradientTape.isRecording() ? new Tensor(toFloatArray(), shape) : this;
  }

  /**
   * Overwrites this tensor's own contiguous buffer with {@code values} (row-major). Only for
   * subclasses that own their buffer, such as {@code Variable}.
   */
  protected final void overwrite(float[] values) {
    if (!isContiguous() || values.length != size()) {
      throw new IllegalStateException(
          "overwrite: needs a contiguous tensor and " + size() + " values");
    }
    System.arraycopy(values, 0, data, offset, values.length);
  }

  // ---- creation ----

  /** A tensor of the given shape holding a copy of {@code values} in row-major order. */
  public static Tensor of(float[] values, int... shape) {
    Shape s = Shape.of(shape);
    if (values.length != s.size()) {
      throw new IllegalArgumentException(
          "Tensor.of: " + values.length + " values cannot fill shape " + s + " of " + s.size());
    }
    return new Tensor(values.clone(), s);
  }

  /** A 1-D tensor holding a copy of {@code values}. */
  public static Tensor vector(float... values) {
    return of(values, values.length);
  }

  /** A rank-0 tensor. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, Shape.of());
  }

  public static Tensor zeros(int... shape) {
    Shape s = Shape.of(shape);
    return new Tensor(new float[s.size()], s);
  }

  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  public static Tensor full(float value, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.size()];
    Arrays.fill(d, value);
    return new Tensor(d, s);
  }

  /** {@code start, start + step, ...} up to but excluding {@code stop}, as NumPy's arange. */
  public static Tensor arange(float start, float stop, float step) {
    if (step == 0 || Float.isNaN(step)) {
      throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
    }
    int n = (int) Math.max(0, Math.ceil((stop - start) / (double) step));
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      d[i] = (float) (start + (double) i * step);
    }
    return new Tensor(d, Shape.of(n));
  }

  /** {@code 0, 1, ..., n - 1}. */
  public static Tensor arange(int n) {
    return arange(0, n, 1);
  }

  // ---- inspection ----

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  public int size() {
    return shape.size();
  }

  /** The element at {@code index} (one index per dimension). */
  public float get(int... index) {
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException(
          "get: " + index.length + " indices for a tensor of shape " + shape);
    }
    int pos = offset;
    for (int i = 0; i < index.length; i++) {
      int d = shape.dim(i);
      if (index[i] < 0 || index[i] >= d) {
        throw new IndexOutOfBoundsException(
            "get: index " + Arrays.toString(index) + " is outside shape " + shape);
      }
      pos += index[i] * strides[i];
    }
    return data[pos];
  }

  /** The single value of a tensor with one element. */
  public float item() {
    if (size() != 1) {
      throw new IllegalStateException(
          "item: tensor of shape " + shape + " has " + size() + " values, not 1");
    }
    return data[offset];
  }

  /** True when the elements are laid out row-major without gaps starting at the offset. */
  public boolean isContiguous() {
    int expected = 1;
    for (int i = shape.rank() - 1; i >= 0; i--) {
      if (shape.dim(i) != 1 && strides[i] != expected) {
        return false;
      }
      expected *= shape.dim(i);
    }
    return true;
  }

  /** The values in row-major order, always a fresh array. */
  public float[] toFloatArray() {
    float[] out = new float[size()];
    copyInto(out, 0);
    return out;
  }

  /** Copies the values in row-major order into {@code dst} starting at {@code dstOff}. */
  void copyInto(float[] dst, int dstOff) {
    if (isContiguous()) {
      System.arraycopy(data, offset, dst, dstOff, size());
      return;
    }
    int rank = shape.rank();
    int[] idx = new int[rank];
    int n = size();
    int inner = rank == 0 ? 1 : shape.dim(rank - 1);
    int innerStride = rank == 0 ? 0 : strides[rank - 1];
    for (int done = 0; done < n; done += inner) {
      int pos = offset;
      for (int i = 0; i < rank - 1; i++) {
        pos += idx[i] * strides[i];
      }
      for (int j = 0; j < inner; j++) {
        dst[dstOff + done + j] = data[pos + j * innerStride];
      }
      for (int i = rank - 2; i >= 0; i--) {
        if (++idx[i] < shape.dim(i)) {
          break;
        }
        idx[i] = 0;
      }
    }
  }

  /** This tensor if contiguous, else a contiguous copy. Kernels need contiguous buffers. */
  public Tensor contiguous() {
    return isContiguous() && offset == 0 && data.length == size()
        ? this
        : new Tensor(toFloatArray(), shape);
  }

  /** The backing buffer of a contiguous tensor with offset 0 and no spare room; kernels read it. */
  float[] buffer() {
    return contiguous().data;
  }

  /** True when both have the same shape and every pair of values differs by at most {@code tol}. */
  public boolean allClose(Tensor other, float tol) {
    if (!shape.equals(other.shape)) {
      return false;
    }
    float[] a = toFloatArray();
    float[] b = other.toFloatArray();
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= tol) && !(a[i] == b[i])) {
        return false;
      }
    }
    return true;
  }

  // ---- shortcuts to Ops ----

  public Tensor add(Tensor o) {
    return Ops.add(this, o);
  }

  public Tensor sub(Tensor o) {
    return Ops.sub(this, o);
  }

  public Tensor mul(Tensor o) {
    return Ops.mul(this, o);
  }

  public Tensor div(Tensor o) {
    return Ops.div(this, o);
  }

  public Tensor mul(float s) {
    return Ops.mul(this, scalar(s));
  }

  public Tensor add(float s) {
    return Ops.add(this, scalar(s));
  }

  public Tensor neg() {
    return Ops.neg(this);
  }

  public Tensor matmul(Tensor o) {
    return Ops.matmul(this, o);
  }

  public Tensor reshape(int... newShape) {
    return Ops.reshape(this, newShape);
  }

  public Tensor transpose(int... perm) {
    return Ops.transpose(this, perm);
  }

  public Tensor sum() {
    return Ops.sum(this);
  }

  public Tensor mean() {
    return Ops.mean(this);
  }

  @Override
  public String toString() {
    int n = size();
    float[] v = toFloatArray();
    StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
    sb.append('[');
    for (int i = 0; i < Math.min(n, 8); i++) {
      sb.append(i == 0 ? "" : ", ").append(v[i]);
    }
    return sb.append(n > 8 ? ", ...]" : "]").toString();
  }
}
