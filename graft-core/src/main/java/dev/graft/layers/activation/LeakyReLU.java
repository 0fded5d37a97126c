package dev.graft.layers.activation;

import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * {@code x > 0 ? x : negativeSlope * x} (Keras's {@code LeakyReLU}; the default slope is 0.3, as in
 * Keras 3, while the {@code "leaky_relu"} activation function uses 0.2).
 */
public final class LeakyReLU extends Layer {
  private final float negativeSlope;

  /** Slope 0.3. */
  public LeakyReLU() {
    this(0.3f, null);
  }

  public LeakyReLU(float negativeSlope) {
    this(negativeSlope, null);
  }

  /**
   * @param name the layer's name, or {@code null} for an automatic one ({@code leaky_re_lu}, ...)
   */
  public LeakyReLU(float negativeSlope, String name) {
    super(name);
    markStateless();
    if (!(negativeSlope >= 0) || Float.isInfinite(negativeSlope)) {
      throw new IllegalArgumentException(
          "LeakyReLU: negativeSlope must be a finite non-negative number, got " + negativeSlope);
    }
    this.negativeSlope = negativeSlope;
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    return Ops.leakyRelu(x, negativeSlope);
  }
}
