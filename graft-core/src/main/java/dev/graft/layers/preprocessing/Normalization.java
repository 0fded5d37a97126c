package dev.graft.layers.preprocessing;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Ones;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Layer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.Iterator;

/**
 * Shifts and scales the last axis (Keras's {@code Normalization} with {@code axis=-1}): {@code y =
 * (x - mean) / max(sqrt(variance), 1e-7)}, or with {@code invert} the reverse, {@code y = x *
 * max(sqrt(variance), 1e-7) + mean}. The same in training and inference.
 *
 * <p>Either the mean and variance are given, or they are learned by {@link #adapt} from data; the
 * layer then has Keras 3's three non-trainable weights {@code mean}, {@code variance} (one value
 * per channel) and {@code count} (the number of values each was computed from).
 */
public final class Normalization extends Layer {
  private static final float EPSILON = 1e-7f;

  private final float[] givenMean;
  private final float[] givenVariance;
  private final boolean invert;
  private Variable mean;
  private Variable variance;
  private Variable count;

  /** A layer whose statistics {@link #adapt} learns (mean 0, variance 1 until then). */
  public Normalization() {
    this(null, null, false, null);
  }

  /**
   * @param mean the mean per channel (or one value for all), or {@code null} to learn it with
   *     {@link #adapt}
   * @param variance the variance, given exactly when the mean is
   * @param invert undo the normalization instead
   * @param name the layer's name, or {@code null} for an automatic one ({@code normalization}, ...)
   */
  public Normalization(float[] mean, float[] variance, boolean invert, String name) {
    super(name);
    if ((mean == null) != (variance == null)) {
      throw new IllegalArgumentException(
          "Normalization: give both mean and variance, or neither (then call adapt)");
    }
    if (mean != null) {
      if (mean.length != variance.length || mean.length == 0) {
        throw new IllegalArgumentException(
            "Normalization: mean and variance must have the same non-zero length, got "
                + mean.length
                + " and "
                + variance.length);
      }
      markStateless();
    }
    this.givenMean = mean == null ? null : mean.clone();
    this.givenVariance = variance == null ? null : variance.clone();
    this.invert = invert;
  }

  @Override
  protected void build(int[] inputShape) {
    if (inputShape.length < 1 || inputShape[inputShape.length - 1] < 1) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Normalization) needs a known last axis, got shape "
              + formatShape(inputShape));
    }
    int channels = inputShape[inputShape.length - 1];
    if (givenMean != null) {
      if (givenMean.length != 1 && givenMean.length != channels) {
        throw new IllegalArgumentException(
            "layer '"
                + name()
                + "' (Normalization) was given "
                + givenMean.length
                + " means but its input has "
                + channels
                + " channels (shape "
                + formatShape(inputShape)
                + ")");
      }
      return;
    }
    mean = addWeight("mean", new int[] {channels}, new Zeros(), false);
    variance = addWeight("variance", new int[] {channels}, new Ones(), false);
    count = addWeight("count", new int[0], new Zeros(), false);
  }

  /**
   * Learns the mean and variance of each channel (the last axis) from the batches of {@code data},
   * in one streaming pass; earlier statistics are replaced. Builds the layer for the first batch's
   * shape if needed.
   */
  public void adapt(Iterable<Tensor> data) {
    if (givenMean != null) {
      throw new IllegalStateException(
          "Normalization '" + name() + "' was given its mean and variance; adapt does not apply");
    }
    Iterator<Tensor> it = data.iterator();
    if (!it.hasNext()) {
      throw new IllegalArgumentException("Normalization.adapt: the data set is empty");
    }
    long n = 0;
    double[] m = null;
    double[] m2 = null;
    while (it.hasNext()) {
      Tensor batch = it.next();
      int[] d = batch.shape().dims();
      if (!isBuilt() || mean == null) {
        int[] s = d.clone();
        s[0] = -1;
        build(java.util.List.of(s));
      }
      int c = mean.shape().dims()[0];
      if (d.length == 0 || d[d.length - 1] != c) {
        throw new IllegalArgumentException(
            "Normalization.adapt: batches must end with "
                + c
                + " channels, got shape "
                + formatShape(d));
      }
      if (m == null) {
        m = new double[c];
        m2 = new double[c];
      }
      float[] v = batch.toFloatArray();
      long rows = v.length / c;
      if (rows == 0) {
        continue;
      }
      for (int k = 0; k < c; k++) {
        double s = 0;
        for (int i = k; i < v.length; i += c) {
          s += v[i];
        }
        double bm = s / rows;
        double q = 0;
        for (int i = k; i < v.length; i += c) {
          q += (v[i] - bm) * (v[i] - bm);
        }
        // Chan et al.: merge (n, m, m2) with the batch's (rows, bm, q)
        long total = n + rows;
        double delta = bm - m[k];
        m[k] += delta * rows / total;
        m2[k] += q + delta * delta * ((double) n * rows / total);
      }
      n += rows;
    }
    float[] fm = new float[m.length];
    float[] fv = new float[m.length];
    for (int k = 0; k < m.length; k++) {
      fm[k] = (float) m[k];
      fv[k] = n == 0 ? 1f : (float) (m2[k] / n);
    }
    mean.assign(Tensor.of(fm, fm.length));
    variance.assign(Tensor.of(fv, fv.length));
    count.assign(Tensor.scalar(n));
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    Tensor mu = givenMean != null ? Tensor.of(givenMean, givenMean.length) : mean;
    Tensor var = givenMean != null ? Tensor.of(givenVariance, givenVariance.length) : variance;
    Tensor scale = Ops.maximum(Ops.sqrt(var), Tensor.scalar(EPSILON));
    return invert ? Ops.add(Ops.mul(x, scale), mu) : Ops.div(Ops.sub(x, mu), scale);
  }

  /** The mean given at construction, or {@code null} when it is learned by {@link #adapt}. */
  public float[] givenMean() {
    return givenMean == null ? null : givenMean.clone();
  }

  /** The variance given at construction, or {@code null} when it is learned by {@link #adapt}. */
  public float[] givenVariance() {
    return givenVariance == null ? null : givenVariance.clone();
  }

  public boolean invert() {
    return invert;
  }
}
