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
  private final Size2D poolSize;
  private final Size2D strides;
  private final Padding padding;

  /**
   * Options of a pooling layer; start from {@link Pooling2D#poolSize(int)}. Strides default to the
   * pool size; a {@code null} name gives an automatic one. The constructor copies the values, so
   * changing an options object later does not change a layer made from it.
   */
  public static final class Options {
    private Size2D poolSize;
    private Size2D strides;
    private Padding padding = Padding.VALID;
    private String name;

    private Options(Size2D poolSize) {
      this.poolSize = poolSize;
    }

    public Options poolSize(int h, int w) {
      poolSize = Size2D.of(h, w);
      return this;
    }

    public Options strides(int s) {
      return strides(s, s);
    }

    public Options strides(int h, int w) {
      strides = Size2D.of(h, w);
      return this;
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Options padding(String p) {
      padding = Paddings.parse("Pooling2D", p);
      return this;
    }

    public Options name(String n) {
      name = n;
      return this;
    }
  }

  /** A square pool of this size, strides equal to it, "valid" padding (Keras's defaults). */
  public static Options poolSize(int size) {
    return new Options(Size2D.of(size));
  }

  protected Pooling2D(Options o) {
    super(o.name);
    markStateless();
    this.poolSize = o.poolSize.requirePositive(typeName(), "pool_size");
    this.strides =
        (o.strides == null ? o.poolSize : o.strides).requirePositive(typeName(), "strides");
    this.padding = o.padding;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
    Size2D p = poolSize;
    boolean tooSmall =
        (inputShape[1] > 0 && inputShape[1] < p.height())
            || (inputShape[2] > 0 && inputShape[2] < p.width());
    if (padding == Padding.VALID && tooSmall) {
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
    requireNhwc(this, x);
    return pool(x, poolSize.toArray(), strides.toArray(), padding);
  }

  /** Rejects a call input that is not {@code (batch, height, width, channels)}. */
  static void requireNhwc(Layer layer, Tensor x) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + ") expects inputs of shape (batch, height, width, channels), got shape "
              + formatShape(x.shape().dims()));
    }
  }

  /** Applies the pooling op. */
  protected abstract Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding);

  public final Size2D poolSize() {
    return poolSize;
  }

  /** The strides in effect: the given ones, or the pool size. */
  public final Size2D strides() {
    return strides;
  }

  public final Padding padding() {
    return padding;
  }
}
