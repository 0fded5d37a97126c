package dev.graft.layers.preprocessing;

/**
 * Zooms each image of a batch about its centre by a random factor while training (Keras's {@code
 * RandomZoom}); the identity in inference. A height factor {@code f} draws a vertical zoom in
 * {@code [1 - f, 1 + f]}, a pair {@code (lower, upper)} in {@code [1 + lower, 1 + upper]}: as in
 * Keras, a <em>positive</em> value zooms <em>out</em> (the image shrinks, {@code 0.2} shows 120% of
 * the height) and a negative one zooms in. Without a width factor the width zooms as the height
 * (the aspect ratio is kept). Points from outside the image are filled as {@link
 * GeometryOptions#fillMode} says.
 */
public final class RandomZoom extends GeometricAugmentation {
  private final double[] height;
  private final double[] width;

  /** Zoom in {@code [1 - heightFactor, 1 + heightFactor]}, aspect ratio kept. */
  public RandomZoom(double heightFactor) {
    this(new double[] {heightFactor}, null, GeometryOptions.defaults());
  }

  /**
   * @param heightFactor {@code {f}} for {@code [-f, f]} or {@code {lower, upper}}, each in {@code
   *     [-1, ...)}
   * @param widthFactor the same for the width, or {@code null} to zoom the width as the height
   */
  public RandomZoom(double[] heightFactor, double[] widthFactor, GeometryOptions options) {
    super("RandomZoom", options);
    height = checked(range("RandomZoom", "heightFactor", heightFactor));
    width = widthFactor == null ? null : checked(range("RandomZoom", "widthFactor", widthFactor));
  }

  private static double[] checked(double[] r) {
    if (r[0] < -1) {
      throw new IllegalArgumentException(
          "RandomZoom: factors must be >= -1 (a zoom of 1 + factor must stay non-negative), got "
              + r[0]);
    }
    return r;
  }

  @Override
  double[] drawTransform(int h, int w) {
    double zy = 1 + uniform(height[0], height[1]);
    double zx = width == null ? zy : 1 + uniform(width[0], width[1]);
    // input = zoom * (output - centre) + centre
    return new double[] {zx, 0, (w - 1) / 2.0 * (1 - zx), 0, zy, (h - 1) / 2.0 * (1 - zy), 0, 0};
  }

  /** The height factor range {@code {lower, upper}}. */
  public double[] heightFactor() {
    return height.clone();
  }

  /** The width factor range {@code {lower, upper}}, or {@code null} to follow the height. */
  public double[] widthFactor() {
    return width == null ? null : width.clone();
  }
}
