package dev.graft.layers.preprocessing;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code y = x * scale + offset}, elementwise (Keras's {@code Rescaling}). {@code new Rescaling(1 /
 * 255f)} maps pixels to {@code [0, 1]}; {@code new Rescaling(1 / 127.5f, -1)} to {@code [-1, 1]}.
 * The same in training and inference; no weights. A per-channel scale (one value per entry of the
 * last axis, as Keras accepts a list) multiplies each channel by its own value.
 */
public final class Rescaling extends Layer {
  private final float scale;
  private final float[] channelScales;
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
    this.channelScales = null;
    this.offset = offset;
  }

  /**
   * A per-channel scale: {@code y[..., c] = x[..., c] * scale[c] + offset}.
   *
   * @param name the layer's name, or {@code null} for an automatic one ({@code rescaling}, ...)
   */
  public Rescaling(float[] scale, float offset, String name) {
    super(name);
    markStateless();
    if (scale.length == 0) {
      throw new IllegalArgumentException("Rescaling: the per-channel scale is empty");
    }
    for (float s : scale) {
      if (!Float.isFinite(s)) {
        throw new IllegalArgumentException(
            "Rescaling: scales must be finite, got " + java.util.Arrays.toString(scale));
      }
    }
    if (!Float.isFinite(offset)) {
      throw new IllegalArgumentException("Rescaling: offset must be finite, got " + offset);
    }
    this.scale = Float.NaN;
    this.channelScales = scale.clone();
    this.offset = offset;
  }

  /** The scalar scale; a per-channel layer has none (see {@link #scales()}). */
  public float scale() {
    if (channelScales != null) {
      throw new IllegalStateException(
          "Rescaling '" + name() + "' has a per-channel scale; read it with scales()");
    }
    return scale;
  }

  /** The scale per channel, or a single value for a scalar scale. */
  public float[] scales() {
    return channelScales != null ? channelScales.clone() : new float[] {scale};
  }

  @Override
  protected void build(int[] inputShape) {
    int last = inputShape.length == 0 ? 0 : inputShape[inputShape.length - 1];
    if (channelScales != null && last != channelScales.length) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Rescaling) has "
              + channelScales.length
              + " per-channel scales but its input shape "
              + formatShape(inputShape)
              + " ends with "
              + last
              + " channels");
    }
  }

  public float offset() {
    return offset;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    Tensor factor =
        channelScales != null
            ? Tensor.of(channelScales, channelScales.length)
            : Tensor.scalar(scale);
    Tensor y = Ops.mul(x, factor);
    return offset == 0f ? y : Ops.add(y, Tensor.scalar(offset));
  }
}
