package dev.graft.layers.preprocessing;

/**
 * Rotates each image of a batch about its centre by a random angle while training (Keras's {@code
 * RandomRotation}); the identity in inference. The factor is a fraction of a full turn: {@code f}
 * draws angles in {@code [-f * 2 pi, f * 2 pi]}, a pair {@code (lower, upper)} in {@code [lower * 2
 * pi, upper * 2 pi]}. Positive angles turn counter-clockwise. Points that come from outside the
 * image are filled as {@link GeometryOptions#fillMode} says.
 */
public final class RandomRotation extends GeometricAugmentation {
  private final double lower;
  private final double upper;

  /** Angles in {@code [-factor, factor]} turns, with the default options. */
  public RandomRotation(double factor) {
    this(factor, GeometryOptions.defaults());
  }

  public RandomRotation(double factor, GeometryOptions options) {
    this(new double[] {factor}, options);
  }

  /** Angles in {@code [lower, upper]} turns. */
  public RandomRotation(double lower, double upper, GeometryOptions options) {
    this(new double[] {lower, upper}, options);
  }

  private RandomRotation(double[] factor, GeometryOptions options) {
    super("RandomRotation", options);
    double[] r = range("RandomRotation", "factor", factor);
    lower = r[0];
    upper = r[1];
  }

  @Override
  double[] drawTransform(int h, int w) {
    double angle = uniform(lower, upper) * 2 * Math.PI;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    // input = R(angle) (output - centre) + centre
    return new double[] {
      cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy, 0, 0
    };
  }

  /** The range of angles in turns: {@code {lower, upper}}. */
  public double[] factor() {
    return new double[] {lower, upper};
  }
}
