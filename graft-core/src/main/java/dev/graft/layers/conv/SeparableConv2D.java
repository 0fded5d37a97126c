package dev.graft.layers.conv;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Initializer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;

/**
 * Depthwise-separable 2-D convolution, as Keras's {@code SeparableConv2D}: a depthwise convolution
 * (with the strides, padding and dilation) followed by a 1x1 convolution to {@code filters}
 * channels, then the bias and an optional activation. Weights {@code depthwise_kernel (kh, kw, in,
 * depth_multiplier)}, {@code pointwise_kernel (1, 1, in * depth_multiplier, filters)}, {@code bias
 * (filters)}.
 *
 * <pre>{@code
 * new SeparableConv2D(SeparableConv2D.filters(8, 3).padding("same").name("sep"));
 * }</pre>
 */
public final class SeparableConv2D extends BaseConv {
  private final int filters;
  private final int depthMultiplier;
  private final Initializer depthwiseInitializer;
  private final Initializer pointwiseInitializer;
  private final Regularizer depthwiseRegularizer;
  private final Regularizer pointwiseRegularizer;
  private Variable depthwiseKernel;
  private Variable pointwiseKernel;

  /**
   * Options of a SeparableConv2D layer; start from {@link SeparableConv2D#filters(int, int)}. The
   * constructor copies the values, so changing an options object later does not change a layer made
   * from it.
   */
  public static final class Options extends ConvOptions<Options> {
    private final int filters;
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = new GlorotUniform();
    private Initializer pointwiseInitializer = new GlorotUniform();
    private Regularizer depthwiseRegularizer;
    private Regularizer pointwiseRegularizer;

    private Options(int filters, int kernelSize) {
      super("SeparableConv2D", kernelSize);
      this.filters = filters;
    }

    @Override
    Options self() {
      return this;
    }

    /** Depthwise output channels per input channel (default 1). */
    public Options depthMultiplier(int m) {
      depthMultiplier = m;
      return this;
    }

    /** Default: Glorot uniform. */
    public Options depthwiseInitializer(Initializer i) {
      depthwiseInitializer = i;
      return this;
    }

    /** Default: Glorot uniform. */
    public Options pointwiseInitializer(Initializer i) {
      pointwiseInitializer = i;
      return this;
    }

    /** A penalty on the depthwise kernel ({@code null}: none). */
    public Options depthwiseRegularizer(Regularizer r) {
      depthwiseRegularizer = r;
      return this;
    }

    /** A penalty on the pointwise kernel ({@code null}: none). */
    public Options pointwiseRegularizer(Regularizer r) {
      pointwiseRegularizer = r;
      return this;
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, depth multiplier 1, no
   * dilation, linear, with bias, Glorot-uniform kernels, zero bias (Keras's defaults).
   */
  public static Options filters(int filters, int kernelSize) {
    return new Options(filters, kernelSize);
  }

  public SeparableConv2D(int filters, int kernelSize) {
    this(filters(filters, kernelSize));
  }

  public SeparableConv2D(Options o) {
    super(o);
    ConvChecks.positive("SeparableConv2D", "filters", o.filters);
    ConvChecks.positive("SeparableConv2D", "depth_multiplier", o.depthMultiplier);
    this.filters = o.filters;
    this.depthMultiplier = o.depthMultiplier;
    this.depthwiseInitializer = o.depthwiseInitializer;
    this.pointwiseInitializer = o.pointwiseInitializer;
    this.depthwiseRegularizer = o.depthwiseRegularizer;
    this.pointwiseRegularizer = o.pointwiseRegularizer;
  }

  @Override
  protected void build(int[] inputShape) {
    int in = inputChannels(inputShape);
    int m = depthMultiplier;
    int[] depthwiseShape = {kernelSize().height(), kernelSize().width(), in, m};
    depthwiseKernel =
        addWeight(
            "depthwise_kernel", depthwiseShape, depthwiseInitializer, true, depthwiseRegularizer);
    pointwiseKernel =
        addWeight(
            "pointwise_kernel",
            new int[] {1, 1, in * m, filters},
            pointwiseInitializer,
            true,
            pointwiseRegularizer);
    addBias(filters);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    ConvChecks.callInput(this, x, depthwiseKernel.shape().dim(2));
    Tensor depthwise =
        Ops.depthwiseConv2d(
            x, depthwiseKernel, strides().toArray(), padding(), dilationRate().toArray());
    return biasAndActivation(
        Ops.conv2d(depthwise, pointwiseKernel, new int[] {1, 1}, Padding.VALID));
  }

  public int filters() {
    return filters;
  }

  public int depthMultiplier() {
    return depthMultiplier;
  }

  public Variable depthwiseKernel() {
    return depthwiseKernel;
  }

  public Variable pointwiseKernel() {
    return pointwiseKernel;
  }

  public Initializer depthwiseInitializer() {
    return depthwiseInitializer;
  }

  public Initializer pointwiseInitializer() {
    return pointwiseInitializer;
  }

  /** The depthwise kernel's penalty, or {@code null}. */
  public Regularizer depthwiseRegularizer() {
    return depthwiseRegularizer;
  }

  /** The pointwise kernel's penalty, or {@code null}. */
  public Regularizer pointwiseRegularizer() {
    return pointwiseRegularizer;
  }
}
