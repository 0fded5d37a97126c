package dev.graft.layers.preprocessing;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code y = x * scale + offset}, elementwise (Keras's {@code Rescaling}). {@code new Rescaling(1 /
 * 255f)} maps pixels to {@code [0, 1]}; {@code new Rescaling(1 / 127.5f, -1)} to {@code [-1, 1]}.
 * The same in training and inference; no weights.
 */
public final class Rescaling extends Layer {
  private final float scale;
  private final float offset;

  public Rescaling(float scale) {
    this(scale, 0f, null);
  }

  public Rescaling(float scale, float offset) {
    this(scale, offset, null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code rescaling}, ...)
   */
  public Rescaling(float scale, float offset, String name) {
    super(name);
    markStateless();
    if (!Float.isFinite(scale) || !Float.isFinite(offset)) {
      throw new IllegalArgumentException(
          "Rescaling: scale and offset must be finite, got scale=" + scale + ", offset=" + offset);
    }
    this.scale = scale;
    this.offset = offset;
  }

  public float scale() {
    return scale;
  }

  public float offset() {
    return offset;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    Tensor y = Ops.mul(x, Tensor.scalar(scale));
    return offset == 0f ? y : Ops.add(y, Tensor.scalar(offset));
  }
}
