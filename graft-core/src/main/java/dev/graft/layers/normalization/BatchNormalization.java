package dev.graft.layers.normalization;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Initializer;
import dev.graft.initializers.Ones;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Layer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Batch normalization, as Keras's {@code BatchNormalization}: {@code y = (x - mean) / sqrt(variance
 * + epsilon) * gamma + beta} per feature along {@code axis}.
 *
 * <p><b>The rule.</b> Batch statistics are used, and the moving statistics updated, only when the
 * layer is called with {@code training = true} <em>and</em> the layer is trainable ({@link
 * #isTrainable()}). Otherwise (inference, or a frozen layer even in a training call) the moving
 * statistics are used and left unchanged. This is what makes fine-tuning a pretrained base with
 * frozen BatchNormalization layers safe: freezing a layer also puts its normalization in inference
 * mode.
 *
 * <p>In a training call the moving statistics are updated as {@code moving = moving * momentum +
 * batch * (1 - momentum)}, with the biased (population) batch variance as Keras 3 uses; the update
 * is not part of the gradient. Gradients flow through the batch mean and variance.
 *
 * <p>Weights, in Keras's order: {@code gamma}, {@code beta} (trainable; absent without {@code
 * scale} / {@code center}), {@code moving_mean}, {@code moving_variance} (non-trainable).
 */
public final class BatchNormalization extends Layer {
  private final Options options;
  private Variable gamma;
  private Variable beta;
  private Variable movingMean;
  private Variable movingVariance;
  private int featureAxis;
  private int[] paramShape;
  private int[] reductionAxes;

  /**
   * Options of a BatchNormalization layer; start from {@link BatchNormalization#defaults()}.
   * Regularizers may be {@code null} (none); a {@code null} name gives an automatic one.
   */
  public record Options(
      int axis,
      float momentum,
      float epsilon,
      boolean center,
      boolean scale,
      Initializer betaInitializer,
      Initializer gammaInitializer,
      Initializer movingMeanInitializer,
      Initializer movingVarianceInitializer,
      Regularizer betaRegularizer,
      Regularizer gammaRegularizer,
      String name) {
    /** The feature axis (default -1, the last); negative counts from the end. */
    public Options axis(int a) {
      return new Options(
          a,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    /** Weight of the old moving statistics in each update (default 0.99). */
    public Options momentum(float m) {
      return new Options(
          axis,
          m,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    /** Added to the variance before the square root (default 1e-3). */
    public Options epsilon(float e) {
      return new Options(
          axis,
          momentum,
          e,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    /** Whether to add the learned offset {@code beta} (default true). */
    public Options center(boolean c) {
      return new Options(
          axis,
          momentum,
          epsilon,
          c,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    /** Whether to multiply by the learned {@code gamma} (default true). */
    public Options scale(boolean s) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          s,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    public Options betaInitializer(Initializer i) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          i,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    public Options gammaInitializer(Initializer i) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          i,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    public Options movingMeanInitializer(Initializer i) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          i,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    public Options movingVarianceInitializer(Initializer i) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          i,
          betaRegularizer,
          gammaRegularizer,
          name);
    }

    public Options betaRegularizer(Regularizer r) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          r,
          gammaRegularizer,
          name);
    }

    public Options gammaRegularizer(Regularizer r) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          r,
          name);
    }

    public Options name(String n) {
      return new Options(
          axis,
          momentum,
          epsilon,
          center,
          scale,
          betaInitializer,
          gammaInitializer,
          movingMeanInitializer,
          movingVarianceInitializer,
          betaRegularizer,
          gammaRegularizer,
          n);
    }
  }

  /**
   * Keras's defaults: axis -1, momentum 0.99, epsilon 1e-3, center and scale, gamma and moving
   * variance ones, beta and moving mean zeros, no regularizers.
   */
  public static Options defaults() {
    return new Options(
        -1,
        0.99f,
        1e-3f,
        true,
        true,
        new Zeros(),
        new Ones(),
        new Zeros(),
        new Ones(),
        null,
        null,
        null);
  }

  public BatchNormalization() {
    this(defaults());
  }

  public BatchNormalization(Options o) {
    super(o.name());
    if (!(o.momentum() >= 0 && o.momentum() <= 1)) {
      throw new IllegalArgumentException(
          "BatchNormalization: momentum must be in [0, 1], got " + o.momentum());
    }
    if (!(o.epsilon() > 0)) {
      throw new IllegalArgumentException(
          "BatchNormalization: epsilon must be positive, got " + o.epsilon());
    }
    this.options = o;
  }

  @Override
  protected void build(int[] inputShape) {
    int rank = inputShape.length;
    int a = options.axis() < 0 ? options.axis() + rank : options.axis();
    if (a < 1 || a >= rank) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (BatchNormalization): axis "
              + options.axis()
              + " is not a feature axis of input shape "
              + formatShape(inputShape)
              + "; use an axis other than the batch axis (-1 is the last)");
    }
    int features = inputShape[a];
    if (features < 1) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (BatchNormalization) needs a known size on axis "
              + options.axis()
              + ", got input shape "
              + formatShape(inputShape));
    }
    featureAxis = a;
    paramShape = new int[rank];
    java.util.Arrays.fill(paramShape, 1);
    paramShape[a] = features;
    reductionAxes = new int[rank - 1];
    for (int i = 0, n = 0; i < rank; i++) {
      if (i != a) {
        reductionAxes[n++] = i;
      }
    }
    int[] shape = {features};
    if (options.scale()) {
      gamma =
          addWeight("gamma", shape, options.gammaInitializer(), true, options.gammaRegularizer());
    }
    if (options.center()) {
      beta = addWeight("beta", shape, options.betaInitializer(), true, options.betaRegularizer());
    }
    movingMean = addWeight("moving_mean", shape, options.movingMeanInitializer(), false);
    movingVariance =
        addWeight("moving_variance", shape, options.movingVarianceInitializer(), false);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    checkInput(x);
    if (training && isTrainable()) {
      Tensor mean = Ops.mean(x, true, reductionAxes);
      Tensor variance = Ops.variance(x, true, reductionAxes);
      updateMovingStatistics(mean, variance);
      return normalize(x, mean, variance);
    }
    return normalize(
        x, Ops.reshape(movingMean, paramShape), Ops.reshape(movingVariance, paramShape));
  }

  /** {@code (x - mean) * (rsqrt(variance + epsilon) * gamma) + beta}, statistics in param shape. */
  private Tensor normalize(Tensor x, Tensor mean, Tensor variance) {
    Tensor inv = Ops.rsqrt(Ops.add(variance, Tensor.scalar(options.epsilon())));
    if (gamma != null) {
      inv = Ops.mul(inv, Ops.reshape(gamma, paramShape));
    }
    Tensor y = Ops.mul(Ops.sub(x, mean), inv);
    if (beta != null) {
      y = Ops.add(y, Ops.reshape(beta, paramShape));
    }
    return y;
  }

  /** Moves the moving statistics toward the batch ones, from raw values (never differentiated). */
  private void updateMovingStatistics(Tensor batchMean, Tensor batchVariance) {
    movingMean.assign(blend(movingMean, batchMean));
    movingVariance.assign(blend(movingVariance, batchVariance));
  }

  private Tensor blend(Variable moving, Tensor batch) {
    float[] m = moving.toFloatArray();
    float[] b = Ops.stopGradient(batch).toFloatArray();
    float momentum = options.momentum();
    float rest = 1f - momentum;
    for (int i = 0; i < m.length; i++) {
      m[i] = m[i] * momentum + b[i] * rest;
    }
    return Tensor.of(m, moving.shape().dims());
  }

  private void checkInput(Tensor x) {
    int features = paramShape[featureAxis];
    if (x.rank() != paramShape.length || x.shape().dim(featureAxis) != features) {
      int[] expected = paramShape.clone();
      for (int i = 0; i < expected.length; i++) {
        expected[i] = i == featureAxis ? features : -1;
      }
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (BatchNormalization) was built for inputs of shape "
              + formatShape(expected)
              + " (axis "
              + options.axis()
              + " of size "
              + features
              + "), got shape "
              + formatShape(x.shape().dims()));
    }
  }

  /** The settings this layer was made with. */
  public Options options() {
    return options;
  }

  /** The scale, or {@code null} without {@code scale}. */
  public Variable gamma() {
    return gamma;
  }

  /** The offset, or {@code null} without {@code center}. */
  public Variable beta() {
    return beta;
  }

  public Variable movingMean() {
    return movingMean;
  }

  public Variable movingVariance() {
    return movingVariance;
  }
}
