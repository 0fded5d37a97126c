package dev.graft.layers.reshaping;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Removes rows and columns at the borders of images {@code (batch, height, width, channels)}
 * (Keras's {@code Cropping2D}, channels-last). {@code new Cropping2D(new int[][] {{2, 2}, {4, 4}})}
 * turns {@code (None, 28, 28, 3)} into {@code (None, 24, 20, 3)}.
 */
public final class Cropping2D extends Layer {
  private final int[][] cropping;

  /** {@code cropping} pixels on every side. */
  public Cropping2D(int cropping) {
    this(cropping, cropping);
  }

  /** {@code height} rows at the top and at the bottom, {@code width} columns left and right. */
  public Cropping2D(int height, int width) {
    this(Margins.symmetric(height, width), null);
  }

  /**
   * @param cropping {@code {{top, bottom}, {left, right}}}
   * @param name the layer's name, or {@code null} for an automatic one ({@code cropping2d}, ...)
   */
  public Cropping2D(int[][] cropping, String name) {
    super(name);
    markStateless();
    this.cropping = Margins.checked("Cropping2D", "cropping", cropping);
  }

  /** {@code {{top, bottom}, {left, right}}}. */
  public int[][] cropping() {
    return new int[][] {cropping[0].clone(), cropping[1].clone()};
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
    check(inputShape);
  }

  private void check(int[] shape) {
    for (int axis = 1; axis <= 2; axis++) {
      int[] c = cropping[axis - 1];
      if (shape[axis] >= 0 && c[0] + c[1] >= shape[axis]) {
        throw new IllegalArgumentException(
            "layer '"
                + name()
                + "' (Cropping2D): cropping "
                + Margins.format(cropping)
                + " leaves nothing of inputs of shape "
                + formatShape(shape)
                + "; crop less than the height and width");
      }
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int[] s = x.shape().dims();
    if (s.length != 4) {
      requireRank(s, 4, "(batch, height, width, channels)");
    }
    check(s);
    int h = s[1] - cropping[0][0] - cropping[0][1];
    int w = s[2] - cropping[1][0] - cropping[1][1];
    return Ops.slice(
        x, new int[] {0, cropping[0][0], cropping[1][0], 0}, new int[] {s[0], h, w, s[3]});
  }
}
