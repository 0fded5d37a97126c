package dev.graft.layers.preprocessing;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code y = x * scale + offset}, elementwise (Keras's {@code Rescaling}). {@code new Rescaling(1 /
 * 255f)} maps pixels to {@code [0, 1]}; {@code new Rescaling(1 / 127.5f, -1)} to {@code [-1, 1]}.
 * The same in training and inference; no weights. A per-channel scale (one value per entry of the
 * last axis, as Keras accepts a list) multiplies each channel by its own value; a per-channel
 * offset likewise adds its own value to each channel.
 */
public final class Rescaling extends Layer {
  private final float scale;
  private final float[] channelScales;
  private final float offset;
  private final float[] channelOffsets;

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
    this.channelOffsets = null;
  }

  /**
   * A per-channel scale: {@code y[..., c] = x[..., c] * scale[c] + offset}.
   *
   * @param name the layer's name, or {@code null} for an automatic one ({@code rescaling}, ...)
   */
  public Rescaling(float[] scale, float offset, String name) {
    this(scale, new float[] {offset}, name);
  }

  /**
   * Scale and offset each a single value or one value per channel (Keras accepts a list for
   * either): {@code y[..., c] = x[..., c] * scale[c] + offset[c]}, a single value applying to every
   * channel.
   *
   * @param name the layer's name, or {@code null} for an automatic one ({@code rescaling}, ...)
   */
  public Rescaling(float[] scale, float[] offset, String name) {
    super(name);
    markStateless();
    checkValues("scale", scale);
    checkValues("offset", offset);
    if (scale.length > 1 && offset.length > 1 && scale.length != offset.length) {
      throw new IllegalArgumentException(
          "Rescaling: "
              + scale.length
              + " per-channel scales but "
              + offset.length
              + " per-channel offsets; give the same number, or a single value");
    }
    this.scale = scale.length == 1 ? scale[0] : Float.NaN;
    this.channelScales = scale.length == 1 ? null : scale.clone();
    this.offset = offset.length == 1 ? offset[0] : Float.NaN;
    this.channelOffsets = offset.length == 1 ? null : offset.clone();
  }

  private static void checkValues(String what, float[] values) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("Rescaling: the " + what + " is empty");
    }
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "Rescaling: " + what + " values must be finite, got " + Arrays.toString(values));
      }
    }
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
    for (float[] perChannel : new float[][] {channelScales, channelOffsets}) {
      if (perChannel != null && last != perChannel.length) {
        throw new IllegalArgumentException(
            "layer '"
                + name()
                + "' (Rescaling) has "
                + perChannel.length
                + " per-channel "
                + (perChannel == channelScales ? "scales" : "offsets")
                + " but its input shape "
                + formatShape(inputShape)
                + " ends with "
                + last
                + " channels");
      }
    }
  }

  /** The scalar offset; a per-channel layer has none (see {@link #offsets()}). */
  public float offset() {
    if (channelOffsets != null) {
      throw new IllegalStateException(
          "Rescaling '" + name() + "' has a per-channel offset; read it with offsets()");
    }
    return offset;
  }

  /** The offset per channel, or a single value for a scalar offset. */
  public float[] offsets() {
    return channelOffsets != null ? channelOffsets.clone() : new float[] {offset};
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    Tensor factor =
        channelScales != null
            ? Tensor.of(channelScales, channelScales.length)
            : Tensor.scalar(scale);
    Tensor y = Ops.mul(x, factor);
    if (channelOffsets != null) {
      return Ops.add(y, Tensor.of(channelOffsets, channelOffsets.length));
    }
    return offset == 0f ? y : Ops.add(y, Tensor.scalar(offset));
  }
}
