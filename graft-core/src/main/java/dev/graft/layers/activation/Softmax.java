package dev.graft.layers.activation;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** Softmax along one axis, by default the last (Keras's {@code Softmax} layer). */
public final class Softmax extends Layer {
  private final int axis;

  /** Softmax over the last axis. */
  public Softmax() {
    this(-1, null);
  }

  public Softmax(int axis) {
    this(axis, null);
  }

  /**
   * @param axis the axis to normalise, negative counting from the end; the batch axis is allowed as
   *     in Keras
   * @param name the layer's name, or {@code null} for an automatic one ({@code softmax}, ...)
   */
  public Softmax(int axis, String name) {
    super(name);
    markStateless();
    this.axis = axis;
  }

  public int axis() {
    return axis;
  }

  @Override
  protected void build(int[] inputShape) {
    if (axis >= inputShape.length || axis < -inputShape.length) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Softmax): axis "
              + axis
              + " is out of range for input shape "
              + formatShape(inputShape));
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return Ops.softmax(x, axis);
  }
}
