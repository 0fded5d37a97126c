package dev.graft.layers.preprocessing;

/**
 * Shifts each image of a batch by a random offset while training (Keras's {@code
 * RandomTranslation}); the identity in inference. Factors are fractions of the height and width:
 * {@code f} draws shifts in {@code [-f, f]}, a pair {@code (lower, upper)} in {@code [lower,
 * upper]}, each within {@code [-1, 1]}. A positive vertical shift moves the content down, a
 * positive horizontal one to the right. Uncovered points are filled as {@link
 * GeometryOptions#fillMode} says.
 */
public final class RandomTranslation extends GeometricAugmentation {
  private final double[] height;
  private final double[] width;

  public RandomTranslation(double heightFactor, double widthFactor) {
    this(new double[] {heightFactor}, new double[] {widthFactor}, GeometryOptions.defaults());
  }

  /**
   * @param heightFactor {@code {f}} for {@code [-f, f]} or {@code {lower, upper}}
   * @param widthFactor the same for the width
   */
  public RandomTranslation(double[] heightFactor, double[] widthFactor, GeometryOptions options) {
    super("RandomTranslation", options);
    height = checked(range("RandomTranslation", "heightFactor", heightFactor));
    width = checked(range("RandomTranslation", "widthFactor", widthFactor));
  }

  private static double[] checked(double[] r) {
    if (r[0] < -1 || r[1] > 1) {
      throw new IllegalArgumentException(
          "RandomTranslation: factors are fractions of the image size and must lie in [-1, 1],"
              + " got ("
              + r[0]
              + ", "
              + r[1]
              + ")");
    }
    return r;
  }

  @Override
  double[] drawTransform(int h, int w) {
    double dy = uniform(height[0], height[1]) * h;
    double dx = uniform(width[0], width[1]) * w;
    return new double[] {1, 0, -dx, 0, 1, -dy, 0, 0};
  }

  /** The height factor range {@code {lower, upper}}. */
  public double[] heightFactor() {
    return height.clone();
  }

  /** The width factor range {@code {lower, upper}}. */
  public double[] widthFactor() {
    return width == null ? null : width.clone();
  }
}
