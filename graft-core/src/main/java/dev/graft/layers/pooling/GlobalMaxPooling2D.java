package dev.graft.layers.pooling;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/** The maximum over the spatial axes, as Keras's {@code GlobalMaxPooling2D}. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
  public GlobalMaxPooling2D() {
    this(false, null);
  }

  public GlobalMaxPooling2D(String name) {
    this(false, name);
  }

  /**
   * @param keepdims keep the spatial axes as size 1: {@code (b, 1, 1, c)}
   * @param name the layer's name, or {@code null} for an automatic one
   */
  public GlobalMaxPooling2D(boolean keepdims, String name) {
    super(keepdims, name);
  }

  @Override
  protected Tensor pool(Tensor x) {
    return Ops.globalMaxPool2d(x);
  }
}
