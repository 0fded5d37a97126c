package dev.graft.layers.reshaping;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Adds rows and columns of zeros around images {@code (batch, height, width, channels)} (Keras's
 * {@code ZeroPadding2D}, channels-last). {@code new ZeroPadding2D(1)} pads one pixel on every side;
 * {@code new ZeroPadding2D(new int[][] {{0, 1}, {0, 1}})} pads only the bottom and the right, as
 * MobileNetV2 does before a strided convolution.
 */
public final class ZeroPadding2D extends Layer {
  private final int[][] padding;

  /** One pixel on every side (Keras's default). */
  public ZeroPadding2D() {
    this(1);
  }

  /** {@code padding} pixels on every side. */
  public ZeroPadding2D(int padding) {
    this(padding, padding);
  }

  /** {@code height} rows at the top and at the bottom, {@code width} columns left and right. */
  public ZeroPadding2D(int height, int width) {
    this(Margins.symmetric(height, width), null);
  }

  /**
   * @param padding {@code {{top, bottom}, {left, right}}}
   * @param name the layer's name, or {@code null} for an automatic one ({@code zero_padding2d},
   *     ...)
   */
  public ZeroPadding2D(int[][] padding, String name) {
    super(name);
    markStateless();
    this.padding = Margins.checked("ZeroPadding2D", "padding", padding);
  }

  /** {@code {{top, bottom}, {left, right}}}. */
  public int[][] padding() {
    return new int[][] {padding[0].clone(), padding[1].clone()};
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return Ops.pad(x, new int[][] {{0, 0}, padding[0], padding[1], {0, 0}});
  }
}
