package dev.graft.data;

import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structure-aware helpers for the element kinds that batching understands: {@link Tensor}, {@code
 * Tensor[]} (componentwise), {@link Sample} and {@link Batch}.
 */
final class Elements {
  private Elements() {}

  /** Stacks elements along a new axis 0. */
  @SuppressWarnings("unchecked")
  static <T> T stack(List<T> items) {
    Object first = items.get(0);
    if (first instanceof Tensor) {
      return (T) stackTensors(items.stream().map(t -> (Tensor) t).toList());
    }
    if (first instanceof Tensor[] arr) {
      Tensor[] out = new Tensor[arr.length];
      for (int c = 0; c < arr.length; c++) {
        int comp = c;
        out[c] = stackTensors(items.stream().map(t -> ((Tensor[]) t)[comp]).toList());
      }
      return (T) out;
    }
    if (first instanceof Sample) {
      return (T)
          new Sample(
              stackTensors(items.stream().map(t -> ((Sample) t).x()).toList()),
              stackTensors(items.stream().map(t -> ((Sample) t).y()).toList()));
    }
    if (first instanceof Batch b) {
      return (T)
          new Batch(
              stackTensors(items.stream().map(t -> ((Batch) t).x()).toList()),
              b.y() == null
                  ? null
                  : stackTensors(items.stream().map(t -> ((Batch) t).y()).toList()),
              null);
    }
    throw unsupported("batch", first);
  }

  /** The number of rows along axis 0 (all parts must agree). */
  static int rows(Object element) {
    if (element instanceof Tensor t) {
      return rows(t);
    }
    if (element instanceof Tensor[] arr) {
      int n = rows(arr[0]);
      for (Tensor t : arr) {
        if (rows(t) != n) {
          throw new IllegalArgumentException(
              "unbatch: every component needs the same size on axis 0, got "
                  + Arrays.stream(arr).map(Tensor::shape).toList());
        }
      }
      return n;
    }
    if (element instanceof Sample s) {
      if (rows(s.x()) != rows(s.y())) {
        throw new IllegalArgumentException(
            "unbatch: x " + s.x().shape() + " and y " + s.y().shape() + " differ on axis 0");
      }
      return rows(s.x());
    }
    throw unsupported("unbatch", element);
  }

  /** Row {@code i} along axis 0. */
  @SuppressWarnings("unchecked")
  static <T> T row(T element, int i) {
    if (element instanceof Tensor t) {
      return (T) row(t, i);
    }
    if (element instanceof Tensor[] arr) {
      Tensor[] out = new Tensor[arr.length];
      for (int c = 0; c < arr.length; c++) {
        out[c] = row(arr[c], i);
      }
      return (T) out;
    }
    if (element instanceof Sample s) {
      return (T) new Sample(row(s.x(), i), row(s.y(), i));
    }
    throw unsupported("unbatch", element);
  }

  static Tensor row(Tensor t, int i) {
    int[] dims = t.shape().dims();
    int[] rest = Arrays.copyOfRange(dims, 1, dims.length);
    int stride = t.size() / dims[0];
    float[] all = t.toFloatArray();
    return Tensor.of(Arrays.copyOfRange(all, i * stride, (i + 1) * stride), rest);
  }

  /** All rows of {@code t} along axis 0, reading its values once. */
  static List<Tensor> rowsOf(Tensor t) {
    int n = rows(t);
    int[] dims = t.shape().dims();
    int[] rest = Arrays.copyOfRange(dims, 1, dims.length);
    int stride = n == 0 ? 0 : t.size() / n;
    float[] all = t.toFloatArray();
    List<Tensor> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Tensor.of(Arrays.copyOfRange(all, i * stride, (i + 1) * stride), rest));
    }
    return out;
  }

  private static int rows(Tensor t) {
    if (t.rank() == 0) {
      throw new IllegalArgumentException("a scalar tensor has no axis 0 to slice or unbatch");
    }
    return t.shape().dim(0);
  }

  private static Tensor stackTensors(List<Tensor> ts) {
    int[] dims = ts.get(0).shape().dims();
    int size = ts.get(0).size();
    float[] out = new float[size * ts.size()];
    for (int i = 0; i < ts.size(); i++) {
      Tensor t = ts.get(i);
      if (!Arrays.equals(t.shape().dims(), dims)) {
        throw new IllegalArgumentException(
            "batch: element "
                + i
                + " has shape "
                + t.shape()
                + " but the first has "
                + ts.get(0).shape()
                + "; map every element to one shape (for example resize images) before batch");
      }
      System.arraycopy(t.toFloatArray(), 0, out, i * size, size);
    }
    int[] shape = new int[dims.length + 1];
    shape[0] = ts.size();
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return Tensor.of(out, shape);
  }

  private static IllegalArgumentException unsupported(String op, Object element) {
    return new IllegalArgumentException(
        op
            + ": elements of type "
            + (element == null ? "null" : element.getClass().getSimpleName())
            + " are not supported; use Tensor, Tensor[], Sample or Batch elements (map to one)");
  }
}
