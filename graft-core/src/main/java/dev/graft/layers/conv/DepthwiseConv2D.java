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
 * Depthwise 2-D convolution, as Keras's {@code DepthwiseConv2D}: each input channel is convolved
 * with its own {@code depthMultiplier} filters. Weights {@code kernel (kh, kw, in,
 * depth_multiplier)} (Keras 3 names it {@code kernel}) and {@code bias (in * depth_multiplier)};
 * output channel {@code c * depthMultiplier + m} comes from input channel {@code c}.
 *
 * <pre>{@code
 * new DepthwiseConv2D(DepthwiseConv2D.kernelSize(3).depthMultiplier(2).name("dw"));
 * }</pre>
 */
public final class DepthwiseConv2D extends Layer {
  private final Options options;
  private final UnaryOperator<Tensor> activation;
  private Variable kernel;
  private Variable bias;

  /**
   * Options of a DepthwiseConv2D layer; start from {@link DepthwiseConv2D#kernelSize(int)}.
   * Regularizers may be {@code null} (none); a {@code null} name gives an automatic one.
   */
  public record Options(
      Size2D kernelSize,
      Size2D strides,
      Padding padding,
      int depthMultiplier,
      Size2D dilationRate,
      String activation,
      boolean useBias,
      Initializer depthwiseInitializer,
      Initializer biasInitializer,
      Regularizer depthwiseRegularizer,
      Regularizer biasRegularizer,
      String name) {
    public Options kernelSize(int h, int w) {
      return new Options(
          Size2D.of(h, w),
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options strides(int s) {
      return new Options(
          kernelSize,
          Size2D.of(s),
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options strides(int h, int w) {
      return new Options(
          kernelSize,
          Size2D.of(h, w),
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Options padding(String p) {
      return new Options(
          kernelSize,
          strides,
          Paddings.parse("DepthwiseConv2D", p),
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    /** Output channels per input channel (default 1). */
    public Options depthMultiplier(int m) {
      return new Options(
          kernelSize,
          strides,
          padding,
          m,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options dilationRate(int d) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          Size2D.of(d),
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options dilationRate(int h, int w) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          Size2D.of(h, w),
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options activation(String a) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          a,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options useBias(boolean b) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          b,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options depthwiseInitializer(Initializer i) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          i,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options biasInitializer(Initializer i) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          i,
          depthwiseRegularizer,
          biasRegularizer,
          name);
    }

    public Options depthwiseRegularizer(Regularizer r) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          r,
          biasRegularizer,
          name);
    }

    public Options biasRegularizer(Regularizer r) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          r,
          name);
    }

    public Options name(String n) {
      return new Options(
          kernelSize,
          strides,
          padding,
          depthMultiplier,
          dilationRate,
          activation,
          useBias,
          depthwiseInitializer,
          biasInitializer,
          depthwiseRegularizer,
          biasRegularizer,
          n);
    }
  }

  /**
   * Default options with a square kernel: strides 1, "valid" padding, depth multiplier 1, no
   * dilation, linear, with bias, Glorot-uniform kernel, zero bias (Keras's defaults).
   */
  public static Options kernelSize(int kernelSize) {
    return new Options(
        Size2D.of(kernelSize),
        Size2D.of(1),
        Padding.VALID,
        1,
        Size2D.of(1),
        "linear",
        true,
        new GlorotUniform(),
        new Zeros(),
        null,
        null,
        null);
  }

  public DepthwiseConv2D(int kernelSize) {
    this(kernelSize(kernelSize));
  }

  public DepthwiseConv2D(Options o) {
    super(o.name());
    ConvChecks.positive("DepthwiseConv2D", "depth_multiplier", o.depthMultiplier());
    ConvChecks.settings("DepthwiseConv2D", o.kernelSize(), o.strides(), o.dilationRate());
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
    kernel =
        addWeight(
            "kernel",
            new int[] {k.height(), k.width(), in, m},
            options.depthwiseInitializer(),
            true,
            options.depthwiseRegularizer());
    if (options.useBias()) {
      bias =
          addWeight(
              "bias",
              new int[] {in * m},
              options.biasInitializer(),
              true,
              options.biasRegularizer());
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    ConvChecks.callInput(this, x, kernel.shape().dim(2));
    Tensor y =
        Ops.depthwiseConv2d(
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

  /** The depthwise kernel {@code (kh, kw, in, depth_multiplier)}. */
  public Variable kernel() {
    return kernel;
  }

  /** The bias, or {@code null} without one. */
  public Variable bias() {
    return bias;
  }
}
