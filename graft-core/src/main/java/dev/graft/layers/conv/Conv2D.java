package dev.graft.layers.conv;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Initializer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;

/**
 * 2-D convolution of NHWC inputs, as Keras's {@code Conv2D}: weights {@code kernel (kh, kw, in,
 * filters)} and {@code bias (filters)}, then an optional activation.
 *
 * <pre>{@code
 * new Conv2D(Conv2D.filters(8, 3).strides(2).padding("same").useBias(false).name("conv"));
 * }</pre>
 */
public final class Conv2D extends BaseConv {
  private final int filters;
  private final Initializer kernelInitializer;
  private final Regularizer kernelRegularizer;
  private Variable kernel;

  /**
   * Options of a Conv2D layer; start from {@link Conv2D#filters(int, int)}. The constructor copies
   * the values, so changing an options object later does not change a layer made from it.
   */
  public static final class Options extends ConvOptions<Options> {
    private final int filters;
    private Initializer kernelInitializer = new GlorotUniform();
    private Regularizer kernelRegularizer;

    private Options(int filters, int kernelSize) {
      super("Conv2D", kernelSize);
      this.filters = filters;
    }

    @Override
    Options self() {
      return this;
    }

    /** Default: Glorot uniform. */
    public Options kernelInitializer(Initializer i) {
      kernelInitializer = i;
      return this;
    }

    /** A penalty on the kernel ({@code null}: none). */
    public Options kernelRegularizer(Regularizer r) {
      kernelRegularizer = r;
      return this;
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, no dilation, linear, with
   * bias, Glorot-uniform kernel, zero bias, no regularizers (Keras's defaults).
   */
  public static Options filters(int filters, int kernelSize) {
    return new Options(filters, kernelSize);
  }

  public Conv2D(int filters, int kernelSize) {
    this(filters(filters, kernelSize));
  }

  public Conv2D(Options o) {
    super(o);
    ConvChecks.positive("Conv2D", "filters", o.filters);
    this.filters = o.filters;
    this.kernelInitializer = o.kernelInitializer;
    this.kernelRegularizer = o.kernelRegularizer;
  }

  @Override
  protected void build(int[] inputShape) {
    int in = inputChannels(inputShape);
    int[] shape = {kernelSize().height(), kernelSize().width(), in, filters};
    kernel = addWeight("kernel", shape, kernelInitializer, true, kernelRegularizer);
    addBias(filters);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    ConvChecks.callInput(this, x, kernel.shape().dim(2));
    return biasAndActivation(
        Ops.conv2d(x, kernel, strides().toArray(), padding(), dilationRate().toArray()));
  }

  public int filters() {
    return filters;
  }

  public Variable kernel() {
    return kernel;
  }

  public Initializer kernelInitializer() {
    return kernelInitializer;
  }

  /** The kernel penalty, or {@code null}. */
  public Regularizer kernelRegularizer() {
    return kernelRegularizer;
  }
}
