package dev.graft.layers.pooling;

import dev.graft.layers.Layer;
import dev.graft.layers.Paddings;
import dev.graft.layers.Size2D;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;

/**
 * The windowed 2-D pooling layers ({@link MaxPooling2D}, {@link AveragePooling2D}) on NHWC inputs:
 * pool size, strides (default: the pool size) and padding, as Keras's {@code BasePooling}.
 */
public abstract class Pooling2D extends Layer {
  private final Options options;

  /**
   * Options of a pooling layer; start from {@link Pooling2D#poolSize(int)}. A {@code null} {@code
   * strides} means the pool size; a {@code null} name gives an automatic one.
   */
  public record Options(Size2D poolSize, Size2D strides, Padding padding, String name) {
    public Options poolSize(int h, int w) {
      return new Options(Size2D.of(h, w), strides, padding, name);
    }

    public Options strides(int s) {
      return new Options(poolSize, Size2D.of(s), padding, name);
    }

    public Options strides(int h, int w) {
      return new Options(poolSize, Size2D.of(h, w), padding, name);
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Options padding(String p) {
      return new Options(poolSize, strides, Paddings.parse("Pooling2D", p), name);
    }

    public Options name(String n) {
      return new Options(poolSize, strides, padding, n);
    }

    /** The strides in effect: the given ones, or the pool size. */
    public Size2D effectiveStrides() {
      return strides == null ? poolSize : strides;
    }
  }

  /** A square pool of this size, strides equal to it, "valid" padding (Keras's defaults). */
  public static Options poolSize(int size) {
    return new Options(Size2D.of(size), null, Padding.VALID, null);
  }

  protected Pooling2D(Options o) {
    super(o.name());
    o.poolSize().requirePositive(typeName(), "pool_size");
    o.effectiveStrides().requirePositive(typeName(), "strides");
    this.options = o;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
    Size2D p = options.poolSize();
    boolean tooSmall =
        (inputShape[1] > 0 && inputShape[1] < p.height())
            || (inputShape[2] > 0 && inputShape[2] < p.width());
    if (options.padding() == Padding.VALID && tooSmall) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' ("
              + typeName()
              + "): input shape "
              + formatShape(inputShape)
              + " is smaller than the pool size "
              + p
              + " with padding \"valid\"; use padding \"same\" or a larger input");
    }
  }

  @Override
  protected final Tensor call(Tensor x, boolean training) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' ("
              + typeName()
              + ") expects inputs of shape (batch, height, width, channels), got shape "
              + formatShape(x.shape().dims()));
    }
    return pool(
        x, options.poolSize().toArray(), options.effectiveStrides().toArray(), options.padding());
  }

  /** Applies the pooling op. */
  protected abstract Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding);

  /** The settings this layer was made with. */
  public final Options options() {
    return options;
  }
}
