package dev.graft.layers.reshaping;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Flattens every axis but the batch axis (Keras's {@code Flatten}, channels-last): {@code (None, 4,
 * 4, 8) -> (None, 128)}; an input with only a batch axis becomes {@code (None, 1)}.
 */
public final class Flatten extends Layer {
  public Flatten() {
    this(null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code flatten}, ...)
   */
  public Flatten(String name) {
    super(name);
    markStateless();
  }

  @Override
  protected void build(int[] inputShape) {
    if (inputShape.length == 0) {
      throw new IllegalArgumentException(
          "layer '" + name() + "' (Flatten) needs inputs with a batch axis, got a scalar");
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    if (x.rank() == 0) {
      throw new IllegalArgumentException(
          "layer '" + name() + "' (Flatten) needs inputs with a batch axis, got a scalar");
    }
    int[] dims = x.shape().dims();
    int features = 1;
    for (int i = 1; i < dims.length; i++) {
      features *= dims[i];
    }
    return Ops.reshape(x, dims[0], features);
  }
}
