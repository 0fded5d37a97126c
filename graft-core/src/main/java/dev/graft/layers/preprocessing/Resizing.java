package dev.graft.layers.preprocessing;

import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;

/**
 * Resizes NHWC image batches to {@code height x width} (Keras's {@code Resizing}), with
 * TensorFlow's sampling ({@link ImageResize}); with {@code cropToAspectRatio} the largest centred
 * window of the target aspect ratio is cut first, so images are not distorted. The same in training
 * and inference; no weights; not differentiable (put it before the trained part of a model).
 */
public final class Resizing extends Layer {
  private final int height;
  private final int width;
  private final Interpolation interpolation;
  private final boolean cropToAspectRatio;

  /** Bilinear, no crop. */
  public Resizing(int height, int width) {
    this(height, width, Interpolation.BILINEAR, false, null);
  }

  public Resizing(int height, int width, Interpolation interpolation, boolean cropToAspectRatio) {
    this(height, width, interpolation, cropToAspectRatio, null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code resizing}, ...)
   */
  public Resizing(
      int height, int width, Interpolation interpolation, boolean cropToAspectRatio, String name) {
    super(name);
    markStateless();
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "Resizing: height and width must be positive, got " + height + "x" + width);
    }
    if (interpolation == null) {
      throw new IllegalArgumentException("Resizing: interpolation is null");
    }
    this.height = height;
    this.width = width;
    this.interpolation = interpolation;
    this.cropToAspectRatio = cropToAspectRatio;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public Interpolation interpolation() {
    return interpolation;
  }

  public boolean cropToAspectRatio() {
    return cropToAspectRatio;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    Tensor in = cropToAspectRatio ? ImageResize.cropToAspectRatio(x, height, width) : x;
    return ImageResize.resize(in, height, width, interpolation);
  }
}
