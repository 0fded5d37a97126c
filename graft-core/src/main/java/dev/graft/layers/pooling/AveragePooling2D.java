package dev.graft.layers.pooling;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;

/**
 * The mean over each window, as Keras's {@code AveragePooling2D}; with "same" padding the padded
 * positions are left out of the mean.
 */
public final class AveragePooling2D extends Pooling2D {
  /** A 2x2 pool with strides 2. */
  public AveragePooling2D() {
    this(2);
  }

  public AveragePooling2D(int poolSize) {
    this(poolSize(poolSize));
  }

  public AveragePooling2D(Options o) {
    super(o);
  }

  @Override
  protected Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
    return Ops.avgPool2d(x, poolSize, strides, padding);
  }
}
