package dev.graft.layers.preprocessing;

import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;

/**
 * Crops the centre {@code height x width} of NHWC image batches (Keras 3's {@code CenterCrop}): the
 * window starts at {@code (H - height) / 2, (W - width) / 2}, rounded down. If the input is smaller
 * than the target in either dimension, the layer instead takes the largest centred window of the
 * target aspect ratio and resizes it bilinearly to the target (Keras's {@code smart_resize}), so
 * the output always has the target size. No weights; the same in training and inference.
 */
public final class CenterCrop extends Layer {
  private final int height;
  private final int width;

  public CenterCrop(int height, int width) {
    this(height, width, null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code center_crop}, ...)
   */
  public CenterCrop(int height, int width, String name) {
    super(name);
    markStateless();
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "CenterCrop: height and width must be positive, got " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int[] s = x.shape().dims();
    int dh = s[1] - height;
    int dw = s[2] - width;
    if (dh >= 0 && dw >= 0) {
      return ImageResize.crop(x, dh / 2, dw / 2, height, width);
    }
    Tensor window = ImageResize.cropToAspectRatio(x, height, width);
    return ImageResize.resize(window, height, width, Interpolation.BILINEAR);
  }
}
