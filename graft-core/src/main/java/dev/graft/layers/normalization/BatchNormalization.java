package dev.graft.layers.normalization;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Initializer;
import dev.graft.initializers.Ones;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Layer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.BatchNormalized;
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
  private final int axis;
  private final float momentum;
  private final float epsilon;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Initializer movingMeanInitializer;
  private final Initializer movingVarianceInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final boolean center;
  private final boolean scale;
  private Variable gamma;
  private Variable beta;
  private Variable movingMean;
  private Variable movingVariance;
  private int featureAxis;
  private int[] paramShape;

  /**
   * Options of a BatchNormalization layer; start from {@link BatchNormalization#defaults()}.
   * Regularizers may be {@code null} (none); a {@code null} name gives an automatic one. The
   * constructor copies the values, so changing an options object later does not change a layer made
   * from it.
   */
  public static final class Options {
    private int axis = -1;
    private float momentum = 0.99f;
    private float epsilon = 1e-3f;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = new Zeros();
    private Initializer gammaInitializer = new Ones();
    private Initializer movingMeanInitializer = new Zeros();
    private Initializer movingVarianceInitializer = new Ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private String name;

    private Options() {}

    /** The feature axis (default -1, the last); negative counts from the end. */
    public Options axis(int a) {
      axis = a;
      return this;
    }

    /** Weight of the old moving statistics in each update (default 0.99). */
    public Options momentum(float m) {
      momentum = m;
      return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public Options epsilon(float e) {
      epsilon = e;
      return this;
    }

    /** Whether to add the learned offset {@code beta} (default true). */
    public Options center(boolean c) {
      center = c;
      return this;
    }

    /** Whether to multiply by the learned {@code gamma} (default true). */
    public Options scale(boolean s) {
      scale = s;
      return this;
    }

    public Options betaInitializer(Initializer i) {
      betaInitializer = i;
      return this;
    }

    public Options gammaInitializer(Initializer i) {
      gammaInitializer = i;
      return this;
    }

    public Options movingMeanInitializer(Initializer i) {
      movingMeanInitializer = i;
      return this;
    }

    public Options movingVarianceInitializer(Initializer i) {
      movingVarianceInitializer = i;
      return this;
    }

    public Options betaRegularizer(Regularizer r) {
      betaRegularizer = r;
      return this;
    }

    public Options gammaRegularizer(Regularizer r) {
      gammaRegularizer = r;
      return this;
    }

    public Options name(String n) {
      name = n;
      return this;
    }
  }

  /**
   * Keras's defaults: axis -1, momentum 0.99, epsilon 1e-3, center and scale, gamma and moving
   * variance ones, beta and moving mean zeros, no regularizers.
   */
  public static Options defaults() {
    return new Options();
  }

  public BatchNormalization() {
    this(defaults());
  }

  public BatchNormalization(Options o) {
    super(o.name);
    if (!(o.momentum >= 0 && o.momentum <= 1)) {
      throw new IllegalArgumentException(
          "BatchNormalization: momentum must be in [0, 1], got " + o.momentum);
    }
    if (!(o.epsilon > 0)) {
      throw new IllegalArgumentException(
          "BatchNormalization: epsilon must be positive, got " + o.epsilon);
    }
    this.axis = o.axis;
    this.momentum = o.momentum;
    this.epsilon = o.epsilon;
    this.center = o.center;
    this.scale = o.scale;
    this.betaInitializer = o.betaInitializer;
    this.gammaInitializer = o.gammaInitializer;
    this.movingMeanInitializer = o.movingMeanInitializer;
    this.movingVarianceInitializer = o.movingVarianceInitializer;
    this.betaRegularizer = o.betaRegularizer;
    this.gammaRegularizer = o.gammaRegularizer;
  }

  @Override
  protected void build(int[] inputShape) {
    int rank = inputShape.length;
    int a = axis < 0 ? axis + rank : axis;
    if (a < 1 || a >= rank) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (BatchNormalization): axis "
              + axis
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
              + axis
              + ", got input shape "
              + formatShape(inputShape));
    }
    featureAxis = a;
    paramShape = new int[rank];
    java.util.Arrays.fill(paramShape, 1);
    paramShape[a] = features;
    int[] shape = {features};
    if (scale) {
      gamma = addWeight("gamma", shape, gammaInitializer, true, gammaRegularizer);
    }
    if (center) {
      beta = addWeight("beta", shape, betaInitializer, true, betaRegularizer);
    }
    movingMean = addWeight("moving_mean", shape, movingMeanInitializer, false);
    movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, false);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    checkInput(x);
    if (training && isTrainable()) {
      BatchNormalized batch =
          Ops.batchNormalization(
              x,
              gamma != null ? gamma : Tensor.ones(paramShape[featureAxis]),
              beta != null ? beta : zeros(),
              epsilon,
              featureAxis);
      updateMovingStatistics(batch.mean(), batch.variance());
      return batch.output();
    }
    // Inference: one fused pass x * inv + (beta - mean * inv), as tf.nn.batch_normalization; it
    // saves x for the gradient only when gamma trains.
    Tensor inv = scaled(movingVariance);
    Tensor shift = Ops.mul(movingMean, inv);
    shift = beta != null ? Ops.sub(beta, shift) : Ops.neg(shift);
    return Ops.channelAffine(x, inv, shift, featureAxis);
  }

  /** {@code rsqrt(variance + epsilon) * gamma}, per feature (1-D). */
  private Tensor scaled(Tensor variance) {
    Tensor inv = Ops.rsqrt(Ops.add(variance, Tensor.scalar(epsilon)));
    return gamma != null ? Ops.mul(inv, gamma) : inv;
  }

  private Tensor zeros() {
    return Tensor.zeros(paramShape[featureAxis]);
  }

  /** Moves the moving statistics toward the batch ones, from raw values (never differentiated). */
  private void updateMovingStatistics(Tensor batchMean, Tensor batchVariance) {
    movingMean.assign(blend(movingMean, batchMean));
    movingVariance.assign(blend(movingVariance, batchVariance));
  }

  private Tensor blend(Variable moving, Tensor batch) {
    float[] m = moving.toFloatArray();
    float[] b = batch.toFloatArray();
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
              + axis
              + " of size "
              + features
              + "), got shape "
              + formatShape(x.shape().dims()));
    }
  }

  /** The feature axis as given (negative counts from the end). */
  public int axis() {
    return axis;
  }

  public float momentum() {
    return momentum;
  }

  public float epsilon() {
    return epsilon;
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

  public boolean center() {
    return center;
  }

  public boolean scale() {
    return scale;
  }

  public Initializer betaInitializer() {
    return betaInitializer;
  }

  public Initializer gammaInitializer() {
    return gammaInitializer;
  }

  public Initializer movingMeanInitializer() {
    return movingMeanInitializer;
  }

  public Initializer movingVarianceInitializer() {
    return movingVarianceInitializer;
  }

  /** The penalty on beta, or {@code null}. */
  public Regularizer betaRegularizer() {
    return betaRegularizer;
  }

  /** The penalty on gamma, or {@code null}. */
  public Regularizer gammaRegularizer() {
    return gammaRegularizer;
  }
}
