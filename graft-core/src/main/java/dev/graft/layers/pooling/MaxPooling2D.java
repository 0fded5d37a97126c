package dev.graft.layers.pooling;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;

/**
 * The maximum over each window, as Keras's {@code MaxPooling2D}.
 *
 * <pre>{@code
 * new MaxPooling2D(MaxPooling2D.poolSize(2).name("pool"));
 * }</pre>
 */
public final class MaxPooling2D extends Pooling2D {
  /** A 2x2 pool with strides 2. */
  public MaxPooling2D() {
    this(2);
  }

  public MaxPooling2D(int poolSize) {
    this(poolSize(poolSize));
  }

  public MaxPooling2D(Options o) {
    super(o);
  }

  @Override
  protected Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
    return Ops.maxPool2d(x, poolSize, strides, padding);
  }
}
