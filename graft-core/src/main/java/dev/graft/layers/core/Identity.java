package dev.graft.layers.core;

import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;

/** Returns its input unchanged (Keras's {@code Identity}): a placeholder or a named tap. */
public final class Identity extends Layer {
  public Identity() {
    this(null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code identity}, ...)
   */
  public Identity(String name) {
    super(name);
    markStateless();
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return x;
  }
}
