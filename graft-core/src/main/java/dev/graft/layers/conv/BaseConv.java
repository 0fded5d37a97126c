package dev.graft.layers.conv;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.Initializer;
import dev.graft.layers.Activations;
import dev.graft.layers.Layer;
import dev.graft.layers.Size2D;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * What the conv layers share: the settings of {@link ConvOptions}, copied at construction (so
 * changing an options object later cannot change a built layer), the input checks, the bias and the
 * activation.
 */
abstract class BaseConv extends Layer {
  private final Size2D kernelSize;
  private final Size2D strides;
  private final Padding padding;
  private final Size2D dilationRate;
  private final UnaryOperator<Tensor> activation;
  private final String activationName;
  private final boolean useBias;
  private final Initializer biasInitializer;
  private final Regularizer biasRegularizer;
  private Variable bias;

  BaseConv(ConvOptions<?> o) {
    super(o.name);
    ConvChecks.settings(typeName(), o.kernelSize, o.strides, o.dilationRate);
    this.kernelSize = o.kernelSize;
    this.strides = o.strides;
    this.padding = o.padding;
    this.dilationRate = o.dilationRate;
    this.activation = Activations.get(o.activation);
    this.activationName = o.activation == null ? "linear" : o.activation;
    this.useBias = o.useBias;
    this.biasInitializer = o.biasInitializer;
    this.biasRegularizer = o.biasRegularizer;
  }

  /** Checks a build shape and returns its channel count. */
  final int inputChannels(int[] inputShape) {
    requireRank(inputShape, 4, "(batch, height, width, channels)");
    return ConvChecks.inputChannels(this, inputShape, kernelSize, dilationRate, padding);
  }

  /** Creates the bias of this size if the layer has one. */
  final void addBias(int size) {
    if (useBias) {
      bias = addWeight("bias", new int[] {size}, biasInitializer, true, biasRegularizer);
    }
  }

  /** Adds the bias, if any, and applies the activation. */
  final Tensor biasAndActivation(Tensor y) {
    return activation.apply(bias == null ? y : Ops.add(y, bias));
  }

  public final Size2D kernelSize() {
    return kernelSize;
  }

  public final Size2D strides() {
    return strides;
  }

  public final Padding padding() {
    return padding;
  }

  public final Size2D dilationRate() {
    return dilationRate;
  }

  public final boolean useBias() {
    return useBias;
  }

  /** The bias, or {@code null} without one. */
  public final Variable bias() {
    return bias;
  }

  /** The activation's Keras name ({@code "linear"} for none). */
  public final String activation() {
    return activationName;
  }

  public final Initializer biasInitializer() {
    return biasInitializer;
  }

  /** The bias penalty, or {@code null}. */
  public final Regularizer biasRegularizer() {
    return biasRegularizer;
  }
}
