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
public final class SeparableConv2D extends Layer {
  private final Options options;
  private final UnaryOperator<Tensor> activation;
  private Variable depthwiseKernel;
  private Variable pointwiseKernel;
  private Variable bias;

  /**
   * Options of a SeparableConv2D layer; start from {@link SeparableConv2D#filters(int, int)}.
   * Regularizers may be {@code null} (none); a {@code null} name gives an automatic one.
   */
  public record Options(
      int filters,
      Size2D kernelSize,
      Size2D strides,
      Padding padding,
      int depthMultiplier,
      Size2D dilationRate,
      String activation,
      boolean useBias,
      Initializer depthwiseInitializer,
      Initializer pointwiseInitializer,
      Initializer biasInitializer,
      Regularizer depthwiseRegularizer,
      Regularizer pointwiseRegularizer,
      Regularizer biasRegularizer,
      String name) {
    public Options kernelSize(int h, int w) {
      return new Options(
          filters,
          Size2D.of(h, w),
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options strides(int s) {
      return new Options(
          filters,
          kernelSize,
          Size2D.of(s),
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options strides(int h, int w) {
      return new Options(
          filters,
          kernelSize,
          Size2D.of(h, w),
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Options padding(String p) {
      return new Options(
          filters,
          kernelSize,
          strides,
          Paddings.parse("SeparableConv2D", p),
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    /** Depthwise output channels per input channel (default 1). */
    public Options depthMultiplier(int m) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          m,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options dilationRate(int d) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          Size2D.of(d),
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options dilationRate(int h, int w) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          Size2D.of(h, w),
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options activation(String a) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          a,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options useBias(boolean b) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          b,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options depthwiseInitializer(Initializer i) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          i,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options pointwiseInitializer(Initializer i) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          i,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options biasInitializer(Initializer i) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          i,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options depthwiseRegularizer(Regularizer r) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          r,
          pointwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options pointwiseRegularizer(Regularizer r) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
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
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          r,
          name);
    }

    public Options name(String n) {
      return new Options(
          filters,
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          pointwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          pointwiseRegularizer,
          biasRegularizer,
          n);
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, depth multiplier 1, no
   * dilation, linear, with bias, Glorot-uniform kernels, zero bias (Keras's defaults).
   */
  public static Options filters(int filters, int kernelSize) {
    return new Options(
        filters,
        Size2D.of(kernelSize),
        Size2D.of(1),
        Padding.VALID,
        1,
        Size2D.of(1),
        "linear",
        true,
        new GlorotUniform(),
        new GlorotUniform(),
        new Zeros(),
        null,
        null,
        null,
        null);
  }

  public SeparableConv2D(int filters, int kernelSize) {
    this(filters(filters, kernelSize));
  }

  public SeparableConv2D(Options o) {
    super(o.name());
    ConvChecks.positive("SeparableConv2D", "filters", o.filters());
    ConvChecks.positive("SeparableConv2D", "depth_multiplier", o.depthMultiplier());
    ConvChecks.settings("SeparableConv2D", o.kernelSize(), o.strides(), o.dilationRate());
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
    int m = options.depthMultiplier();
    depthwiseKernel =
        addWeight(
            "depthwise_kernel",
            new int[] {k.height(), k.width(), in, m},
            options.depthwiseInitializer(),
            true,
            options.depthwiseRegularizer());
    pointwiseKernel =
        addWeight(
            "pointwise_kernel",
            new int[] {1, 1, in * m, options.filters()},
            options.pointwiseInitializer(),
            true,
            options.pointwiseRegularizer());
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
    ConvChecks.callInput(this, x, depthwiseKernel.shape().dim(2));
    Tensor depthwise =
        Ops.depthwiseConv2d(
            x,
            depthwiseKernel,
            options.strides().toArray(),
            options.padding(),
            options.dilationRate().toArray());
    Tensor y = Ops.conv2d(depthwise, pointwiseKernel, new int[] {1, 1}, Padding.VALID);
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

  public Variable depthwiseKernel() {
    return depthwiseKernel;
  }

  public Variable pointwiseKernel() {
    return pointwiseKernel;
  }

  /** The bias, or {@code null} without one. */
  public Variable bias() {
    return bias;
  }
}
