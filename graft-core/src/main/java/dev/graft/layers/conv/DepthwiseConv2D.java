package dev.graft.layers.conv;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Initializer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * Depthwise 2-D convolution, as Keras's {@code DepthwiseConv2D}: each input channel is convolved
 * with its own {@code depthMultiplier} filters. Weights {@code kernel (kh, kw, in,
 * depth_multiplier)} (Keras 3 names it {@code kernel}) and {@code bias (in * depth_multiplier)};
 * output channel {@code c * depthMultiplier + m} comes from input channel {@code c}.
 *
 * <pre>{@code
 * new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(2).name("dw"));
 * }</pre>
 */
public final class DepthwiseConv2D extends BaseConv {
  private final int depthMultiplier;
  private final Initializer depthwiseInitializer;
  private final Regularizer depthwiseRegularizer;
  private Variable kernel;

  /**
   * Options of a DepthwiseConv2D layer; start from {@link DepthwiseConv2D#kernelSize(int)}. The
   * constructor copies the values, so changing an options object later does not change a layer made
   * from it.
   */
  public static final class Options extends ConvOptions<Options> {
    private int depthMultiplier = 1;
    private Initializer depthwiseInitializer = new GlorotUniform();
    private Regularizer depthwiseRegularizer;

    private Options(int kernelSize) {
      super("DepthwiseConv2D", kernelSize);
    }

    @Override
    Options self() {
      return this;
    }

    /** Output channels per input channel (default 1). */
    public Options depthMultiplier(int m) {
      depthMultiplier = m;
      return this;
    }

    /** Default: Glorot uniform. */
    public Options depthwiseInitializer(Initializer i) {
      depthwiseInitializer = i;
      return this;
    }

    /** A penalty on the kernel ({@code null}: none). */
    public Options depthwiseRegularizer(Regularizer r) {
      depthwiseRegularizer = r;
      return this;
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, depth multiplier 1, no
   * dilation, linear, with bias, Glorot-uniform kernel, zero bias (Keras's defaults).
   */
  public static Options kernelSize(int kernelSize) {
    return new Options(kernelSize);
  }

  public DepthwiseConv2D(int kernelSize) {
    this(kernelSize(kernelSize));
  }

  public DepthwiseConv2D(Options o) {
    super(o);
    ConvChecks.positive("DepthwiseConv2D", "depth_multiplier", o.depthMultiplier);
    this.depthMultiplier = o.depthMultiplier;
    this.depthwiseInitializer = o.depthwiseInitializer;
    this.depthwiseRegularizer = o.depthwiseRegularizer;
  }

  @Override
  protected void build(int[] inputShape) {
    int in = inputChannels(inputShape);
    int[] shape = {kernelSize().height(), kernelSize().width(), in, depthMultiplier};
    kernel = addWeight("kernel", shape, depthwiseInitializer, true, depthwiseRegularizer);
    addBias(in * depthMultiplier);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    ConvChecks.callInput(this, x, kernel.shape().dim(2));
    return biasAndActivation(
        Ops.depthwiseConv2d(x, kernel, strides().toArray(), padding(), dilationRate().toArray()));
  }

  public int depthMultiplier() {
    return depthMultiplier;
  }

  /** The depthwise kernel {@code (kh, kw, in, depth_multiplier)}. */
  public Variable kernel() {
    return kernel;
  }

  public Initializer depthwiseInitializer() {
    return depthwiseInitializer;
  }

  /** The depthwise kernel's penalty, or {@code null}. */
  public Regularizer depthwiseRegularizer() {
    return depthwiseRegularizer;
  }
}
