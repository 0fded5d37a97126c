package dev.graft.layers.activation;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Keras's {@code ReLU} layer with its three settings, computed as Keras computes it:
 *
 * <pre>
 * f(x) = min(x, maxValue)                   if x > threshold
 * f(x) = negativeSlope * (x - threshold)    if x <= threshold
 * </pre>
 *
 * With the defaults ({@code maxValue} unlimited, slope 0, threshold 0) it is {@code max(x, 0)};
 * {@code new ReLU(6)} is ReLU6. Keras's docstring counts {@code x == threshold} as "keeps x", but
 * its implementation (and so this layer) gives 0 there; the two differ only when {@code threshold >
 * 0}. The gradient is 1 where {@code threshold < x < maxValue}, {@code negativeSlope} where {@code
 * x < threshold}, 0 elsewhere.
 */
public final class ReLU extends Layer {
  private final float maxValue;
  private final float negativeSlope;
  private final float threshold;

  /**
   * Settings of a ReLU layer; start from {@link ReLU#options()}. The constructor copies the values,
   * so changing an options object later does not change a layer made from it.
   */
  public static final class Options {
    private float maxValue = Float.POSITIVE_INFINITY;
    private float negativeSlope;
    private float threshold;
    private String name;

    private Options() {}

    /** The largest output, {@link Float#POSITIVE_INFINITY} for none (Keras's {@code None}). */
    public Options maxValue(float v) {
      maxValue = v;
      return this;
    }

    public Options negativeSlope(float s) {
      negativeSlope = s;
      return this;
    }

    public Options threshold(float t) {
      threshold = t;
      return this;
    }

    public Options name(String n) {
      name = n;
      return this;
    }
  }

  /** Keras's defaults: no maximum, slope 0, threshold 0, automatic name ({@code re_lu}). */
  public static Options options() {
    return new Options();
  }

  /** {@code max(x, 0)}. */
  public ReLU() {
    this(options());
  }

  /** {@code min(max(x, 0), maxValue)}. */
  public ReLU(float maxValue) {
    this(options().maxValue(maxValue));
  }

  public ReLU(Options o) {
    super(o.name);
    markStateless();
    requireNonNegative("maxValue", o.maxValue);
    requireNonNegative("negativeSlope", o.negativeSlope);
    requireNonNegative("threshold", o.threshold);
    if (Float.isInfinite(o.negativeSlope) || Float.isInfinite(o.threshold)) {
      throw new IllegalArgumentException(
          "ReLU: negativeSlope and threshold must be finite, got negativeSlope="
              + o.negativeSlope
              + ", threshold="
              + o.threshold);
    }
    this.maxValue = o.maxValue;
    this.negativeSlope = o.negativeSlope;
    this.threshold = o.threshold;
  }

  private static void requireNonNegative(String what, float v) {
    if (!(v >= 0)) {
      throw new IllegalArgumentException(
          "ReLU: " + what + " must be a non-negative number, got " + v);
    }
  }

  public float maxValue() {
    return maxValue;
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    boolean unbounded = maxValue == Float.POSITIVE_INFINITY;
    if (threshold == 0 && negativeSlope == 0 && maxValue > 0) {
      return Ops.relu(x, maxValue);
    }
    if (threshold == 0 && unbounded) {
      return Ops.leakyRelu(x, negativeSlope);
    }
    Tensor t = Tensor.scalar(threshold);
    Tensor kept = unbounded ? x : Ops.minimum(x, Tensor.scalar(maxValue));
    Tensor y = Ops.where(Ops.greater(x, t), kept, Tensor.scalar(0));
    if (negativeSlope == 0) {
      return y;
    }
    Tensor below = Ops.relu(Ops.sub(t, x));
    return Ops.sub(y, Ops.mul(below, Tensor.scalar(negativeSlope)));
  }
}
