package dev.graft.initializers;

import dev.graft.tensor.Tensor;

/** Every value equal to {@code value} (Keras's {@code Constant}; default 0). */
public final class Constant implements Initializer {
  private final float value;

  public Constant() {
    this(0f);
  }

  public Constant(float value) {
    this.value = value;
  }

  public float value() {
    return value;
  }

  @Override
  public Tensor create(int[] shape) {
    return Tensor.full(value, shape);
  }
}
