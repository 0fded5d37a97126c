package dev.graft.tensor;

import java.util.SplittableRandom;

/**
 * A seeded random generator for tensors: the same seed gives the same values on every machine and
 * JDK. Not thread-safe; give each thread its own.
 */
public final class Rng {
  private final SplittableRandom random;

  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Uniform values in {@code [low, high)}. */
  public Tensor uniform(float low, float high, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (low + (high - low) * random.nextDouble());
    }
    return new Tensor(d, s);
  }

  /** Normal values with the given mean and standard deviation. */
  public Tensor normal(float mean, float stddev, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (mean + stddev * gaussian());
    }
    return new Tensor(d, s);
  }

  /**
   * Normal values redrawn until they lie within two standard deviations of the mean, as Keras's
   * {@code TruncatedNormal}.
   */
  public Tensor truncatedNormal(float mean, float stddev, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.size()];
    for (int i = 0; i < d.length; i++) {
      double z;
      do {
        z = gaussian();
      } while (Math.abs(z) > 2.0);
      d[i] = (float) (mean + stddev * z);
    }
    return new Tensor(d, s);
  }

  /** A uniform double in {@code [0, 1)}. */
  public double nextDouble() {
    return random.nextDouble();
  }

  /** A uniform int in {@code [0, bound)}. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Marsaglia's polar method: exact normal samples from two uniforms. */
  private double gaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}
