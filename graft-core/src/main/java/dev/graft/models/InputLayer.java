package dev.graft.models;

import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;

/** The layer behind {@link Input#of}: holds the input shape, passes values through. */
public final class InputLayer extends Layer {
  private final int[] batchShape;

  InputLayer(String name, int[] batchShape) {
    super(name);
    this.batchShape = batchShape.clone();
    markBuilt();
  }

  /** The input shape with the batch axis first ({@code -1} where unknown). */
  public int[] batchShape() {
    return batchShape.clone();
  }

  @Override
  protected Tensor call(Tensor input, boolean training) {
    return input;
  }
}
