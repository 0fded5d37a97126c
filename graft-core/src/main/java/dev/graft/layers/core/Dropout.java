package dev.graft.layers.core;

import dev.graft.initializers.Seeds;
import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;

/**
 * Inverted dropout (Keras's {@code Dropout}): when called with {@code training = true}, each
 * element is zeroed with probability {@code rate} and the others are scaled by {@code 1 / (1 -
 * rate)}, so the expected value is unchanged; otherwise the input passes through untouched. Each
 * training call draws a fresh mask from the layer's own generator, so a seeded layer gives the same
 * sequence of masks in every run.
 *
 * <p>A {@code noiseShape} (Keras's {@code noise_shape}) draws one mask value per entry of that
 * shape and broadcasts it over the input: {@code (-1, 1, 1, 1)} drops whole samples of an NHWC
 * batch (EfficientNet's drop-connect). {@code -1} entries take the input's size.
 */
public final class Dropout extends Layer {
  private final float rate;
  private final Rng rng;
  private final Long seed;
  private final int[] noiseShape;

  public Dropout(float rate) {
    this(rate, null, null);
  }

  public Dropout(float rate, Long seed) {
    this(rate, seed, null);
  }

  /**
   * @param rate the fraction of inputs to drop, in {@code [0, 1)}
   * @param seed the seed of the layer's mask generator, or {@code null} for the next one of {@link
   *     Seeds}
   * @param name the layer's name, or {@code null} for an automatic one ({@code dropout}, ...)
   */
  public Dropout(float rate, Long seed, String name) {
    this(rate, null, seed, name);
  }

  /**
   * @param rate the fraction of inputs to drop, in {@code [0, 1)}
   * @param noiseShape the shape of the mask, batch axis included, {@code -1} where the input's size
   *     applies; each other entry must be 1 or the input's size. {@code null}: the input's shape
   * @param seed the seed of the layer's mask generator, or {@code null} for the next one of {@link
   *     Seeds}
   * @param name the layer's name, or {@code null} for an automatic one ({@code dropout}, ...)
   */
  public Dropout(float rate, int[] noiseShape, Long seed, String name) {
    super(name);
    markStateless();
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "Dropout: rate must be in [0, 1) (the fraction of inputs to drop), got " + rate);
    }
    this.rate = rate;
    this.seed = seed;
    this.noiseShape = noiseShape == null ? null : noiseShape.clone();
    this.rng = new Rng(seed == null ? Seeds.next() : seed);
  }

  public float rate() {
    return rate;
  }

  /** The mask's shape as given ({@code -1}: the input's size), or {@code null}: the input's. */
  public int[] noiseShape() {
    return noiseShape == null ? null : noiseShape.clone();
  }

  @Override
  protected void build(int[] inputShape) {
    if (noiseShape != null) {
      concreteNoiseShape(inputShape);
    }
  }

  /** The mask shape for an input of this shape; unknown input sizes ({@code -1}) pass checks. */
  private int[] concreteNoiseShape(int[] input) {
    boolean ok = noiseShape.length == input.length;
    int[] out = new int[noiseShape.length];
    for (int i = 0; ok && i < out.length; i++) {
      out[i] = noiseShape[i] < 0 ? input[i] : noiseShape[i];
      ok = out[i] == 1 || out[i] == input[i] || input[i] < 0;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Dropout): noise shape "
              + formatShape(noiseShape)
              + " does not broadcast to the input shape "
              + formatShape(input)
              + "; give the same rank, with each entry 1, -1 or the input's size");
    }
    return out;
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    if (!training || rate == 0) {
      return x;
    }
    int[] maskShape = noiseShape == null ? x.shape().dims() : concreteNoiseShape(x.shape().dims());
    return Ops.mul(x, Ops.dropoutMask(rng, rate, maskShape));
  }

  /** The seed given at construction, or {@code null} if it was taken from {@link Seeds}. */
  public Long seed() {
    return seed;
  }
}
