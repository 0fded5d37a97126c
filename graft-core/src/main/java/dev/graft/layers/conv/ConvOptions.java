package dev.graft.layers.conv;

import dev.graft.initializers.Initializer;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Paddings;
import dev.graft.layers.Size2D;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Padding;

/**
 * The settings the conv layers share, with Keras's defaults: strides 1, "valid" padding, no
 * dilation, linear, with bias, zero bias initializer, no regularizer, automatic name. Each layer's
 * {@code Options} extends this and adds its own settings.
 *
 * <p>{@code O} is the layer's own {@code Options} type: the setters here return it, so settings
 * chain in any order ({@code filters(8, 3).padding("same").depthMultiplier(2)}).
 */
abstract class ConvOptions<O extends ConvOptions<O>> {
  private final String type;
  Size2D kernelSize;
  Size2D strides = Size2D.of(1);
  Padding padding = Padding.VALID;
  Size2D dilationRate = Size2D.of(1);
  String activation = "linear";
  boolean useBias = true;
  Initializer biasInitializer = new Zeros();
  Regularizer biasRegularizer;
  String name;

  ConvOptions(String type, int kernelSize) {
    this.type = type;
    this.kernelSize = Size2D.of(kernelSize);
  }

  /** This object, typed as the layer's options. */
  abstract O self();

  public O kernelSize(int h, int w) {
    kernelSize = Size2D.of(h, w);
    return self();
  }

  public O strides(int s) {
    return strides(s, s);
  }

  public O strides(int h, int w) {
    strides = Size2D.of(h, w);
    return self();
  }

  /** {@code "valid"} (the default) or {@code "same"}. */
  public O padding(String p) {
    padding = Paddings.parse(type, p);
    return self();
  }

  public O dilationRate(int d) {
    return dilationRate(d, d);
  }

  public O dilationRate(int h, int w) {
    dilationRate = Size2D.of(h, w);
    return self();
  }

  /** An activation name ({@code "relu"}, ...); default {@code "linear"}. */
  public O activation(String a) {
    activation = a;
    return self();
  }

  public O useBias(boolean b) {
    useBias = b;
    return self();
  }

  public O biasInitializer(Initializer i) {
    biasInitializer = i;
    return self();
  }

  /** A penalty on the bias ({@code null}: none). */
  public O biasRegularizer(Regularizer r) {
    biasRegularizer = r;
    return self();
  }

  /** The layer's name ({@code null}: an automatic one). */
  public O name(String n) {
    name = n;
    return self();
  }
}
