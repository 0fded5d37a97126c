package dev.graft.layers.reshaping;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Gives each example a new shape with the same number of values (Keras's {@code Reshape}). The
 * target shape excludes the batch axis; one of its sizes may be {@code -1}, inferred from the
 * others: {@code new Reshape(-1, 4)} turns {@code (None, 2, 6)} into {@code (None, 3, 4)}.
 */
public final class Reshape extends Layer {
  private final int[] targetShape;

  /** A reshape to {@code targetShape} (without the batch axis), automatically named. */
  public Reshape(int... targetShape) {
    this(null, targetShape);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code reshape}, ...)
   * @param targetShape the shape of one example; at most one {@code -1}
   */
  public Reshape(String name, int... targetShape) {
    super(name);
    markStateless();
    int unknown = 0;
    for (int d : targetShape) {
      if (d == -1) {
        unknown++;
      } else if (d < 1) {
        unknown = 2;
      }
    }
    if (unknown > 1) {
      throw new IllegalArgumentException(
          "Reshape: target shape "
              + java.util.Arrays.toString(targetShape)
              + " must have positive sizes, with at most one -1 (inferred)");
    }
    this.targetShape = targetShape.clone();
  }

  /** The target shape, without the batch axis. */
  public int[] targetShape() {
    return targetShape.clone();
  }

  @Override
  protected void build(int[] inputShape) {
    if (inputShape.length == 0) {
      throw new IllegalArgumentException(
          "layer '" + name() + "' (Reshape) needs inputs with a batch axis, got a scalar");
    }
    long size = 1;
    for (int i = 1; i < inputShape.length; i++) {
      size *= inputShape[i];
    }
    long known = 1;
    boolean infer = false;
    for (int d : targetShape) {
      if (d == -1) {
        infer = true;
      } else {
        known *= d;
      }
    }
    if (infer ? size % known != 0 : size != known) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Reshape) cannot reshape inputs of shape "
              + formatShape(inputShape)
              + " ("
              + size
              + " values per example) to target shape "
              + java.util.Arrays.toString(targetShape)
              + "; the number of values must stay the same");
    }
  }

  private int[] withBatch(int batch) {
    int[] s = new int[targetShape.length + 1];
    s[0] = batch;
    System.arraycopy(targetShape, 0, s, 1, targetShape.length);
    return s;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return Ops.reshape(x, withBatch(x.shape().dim(0)));
  }
}
