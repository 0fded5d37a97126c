package dev.graft.layers.pooling;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Pooling over the whole spatial extent of NHWC inputs ({@link GlobalAveragePooling2D}, {@link
 * GlobalMaxPooling2D}): {@code (b, h, w, c) -> (b, c)}, or {@code (b, 1, 1, c)} with {@code
 * keepdims}.
 */
public abstract class GlobalPooling2D extends Layer {
  private final boolean keepdims;

  protected GlobalPooling2D(boolean keepdims, String name) {
    super(name);
    markStateless();
    this.keepdims = keepdims;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected final Tensor call(Tensor x, boolean training) {
    Pooling2D.requireNhwc(this, x);
    Tensor y = pool(x);
    return keepdims ? Ops.reshape(y, x.shape().dim(0), 1, 1, x.shape().dim(3)) : y;
  }

  /** {@code (b, h, w, c) -> (b, c)}. */
  protected abstract Tensor pool(Tensor x);

  public final boolean keepdims() {
    return keepdims;
  }
}
