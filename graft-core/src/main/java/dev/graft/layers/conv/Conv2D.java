package dev.graft.layers.conv;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Initializer;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Activations;
import dev.graft.layers.Layer;
import dev.graft.layers.Paddings;
import dev.graft.layers.Size2D;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * 2-D convolution of NHWC inputs, as Keras's {@code Conv2D}: weights {@code kernel (kh, kw, in,
 * filters)} and {@code bias (filters)}, then an optional activation.
 *
 * <pre>{@code
 * new Conv2D(Conv2D.filters(8, 3).strides(2).padding("same").useBias(false).name("conv"));
 * }</pre>
 */
public final class Conv2D extends Layer {
  private final Options options;
  private final UnaryOperator<Tensor> activation;
  private Variable kernel;
  private Variable bias;

  /**
   * Options of a Conv2D layer; start from {@link Conv2D#filters(int, int)}. Regularizers may be
   * {@code null} (none); a {@code null} name gives an automatic one ({@code conv2d}, ...).
   */
  public record Options(
      int filters,
      Size2D kernelSize,
      Size2D strides,
      Padding padding,
      Size2D dilationRate,
      String activation,
      boolean useBias,
      Initializer kernelInitializer,
      Initializer biasInitializer,
      Regularizer kernelRegularizer,
      Regularizer biasRegularizer,
      String name) {
    public Options kernelSize(int h, int w) {
      return new Options(
          filters,
          Size2D.of(h, w),
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options strides(int s) {
      return strides(s, s);
    }

    public Options strides(int h, int w) {
      return new Options(
          filters,
          kernelSize,
          Size2D.of(h, w),
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Options padding(String p) {
      return new Options(
          filters,
          kernelSize,
          strides,
          Paddings.parse("Conv2D", p),
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options dilationRate(int d) {
      return dilationRate(d, d);
    }

    public Options dilationRate(int h, int w) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          Size2D.of(h, w),
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options activation(String a) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          a,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options useBias(boolean b) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          b,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options kernelInitializer(Initializer i) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          i,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options biasInitializer(Initializer i) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          i,
          kernelRegularizer,
          biasRegularizer,
          name);
    }

    public Options kernelRegularizer(Regularizer r) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          r,
          biasRegularizer,
          name);
    }

    public Options biasRegularizer(Regularizer r) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          r,
          name);
    }

    public Options name(String n) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          dilationRate,
          activation,
          useBias,
          kernelInitializer,
          biasInitializer,
          kernelRegularizer,
          biasRegularizer,
          n);
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, no dilation, linear, with
   * bias, Glorot-uniform kernel, zero bias, no regularizers (Keras's defaults).
   */
  public static Options filters(int filters, int kernelSize) {
    return new Options(
        filters,
        Size2D.of(kernelSize),
        Size2D.of(1),
        Padding.VALID,
        Size2D.of(1),
        "linear",
        true,
        new GlorotUniform(),
        new Zeros(),
        null,
        null,
        null);
  }

  public Conv2D(int filters, int kernelSize) {
    this(filters(filters, kernelSize));
  }

  public Conv2D(Options o) {
    super(o.name());
    ConvChecks.positive("Conv2D", "filters", o.filters());
    ConvChecks.settings("Conv2D", o.kernelSize(), o.strides(), o.dilationRate());
    this.options = o;
    this.activation = Activations.get(o.activation());
  }

  @Override
  protected void build(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
    int in =
        ConvChecks.inputChannels(
            this, inputShape, options.kernelSize(), options.dilationRate(), options.padding());
    Size2D k = options.kernelSize();
    kernel =
        addWeight(
            "kernel",
            new int[] {k.height(), k.width(), in, options.filters()},
            options.kernelInitializer(),
            true,
            options.kernelRegularizer());
    if (options.useBias()) {
      bias =
          addWeight(
              "bias",
              new int[] {options.filters()},
              options.biasInitializer(),
              true,
              options.biasRegularizer());
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    ConvChecks.callInput(this, x, kernel.shape().dim(2));
    Tensor y =
        Ops.conv2d(
            x,
            kernel,
            options.strides().toArray(),
            options.padding(),
            options.dilationRate().toArray());
    if (bias != null) {
      y = Ops.add(y, bias);
    }
    return activation.apply(y);
  }

  /** The settings this layer was made with. */
  public Options options() {
    return options;
  }

  public int filters() {
    return options.filters();
  }

  public Variable kernel() {
    return kernel;
  }

  /** The bias, or {@code null} without one. */
  public Variable bias() {
    return bias;
  }
}
