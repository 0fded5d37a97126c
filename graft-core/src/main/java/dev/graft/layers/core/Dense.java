package dev.graft.layers.core;

import dev.graft.autodiff.Variable;
import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Initializer;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Activations;
import dev.graft.layers.Layer;
import dev.graft.regularizers.Regularizer;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * {@code y = x · kernel + bias} over the last axis, kernel {@code (in, units)} as Keras stores it.
 * An optional activation is applied after.
 *
 * <pre>{@code
 * new Dense(Dense.units(10).activation("softmax").name("head"));
 * }</pre>
 */
public final class Dense extends Layer {
  private final int units;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final UnaryOperator<Tensor> activation;
  private final String activationName;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private Variable kernel;
  private Variable bias;

  /**
   * Options of a Dense layer; start from {@link #units(int)}. The constructor copies the values, so
   * changing an options object later does not change a layer made from it.
   */
  public static final class Options {
    private final int units;
    private String activation = "linear";
    private boolean useBias = true;
    private Initializer kernelInitializer = new GlorotUniform();
    private Initializer biasInitializer = new Zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private String name;

    private Options(int units) {
      this.units = units;
    }

    /** An activation name ({@code "relu"}, ...); default {@code "linear"}. */
    public Options activation(String a) {
      activation = a;
      return this;
    }

    public Options useBias(boolean b) {
      useBias = b;
      return this;
    }

    public Options kernelInitializer(Initializer i) {
      kernelInitializer = i;
      return this;
    }

    public Options biasInitializer(Initializer i) {
      biasInitializer = i;
      return this;
    }

    /** The layer's name ({@code null}: an automatic one). */
    public Options name(String n) {
      name = n;
      return this;
    }

    /** A penalty on the kernel, reported by {@link Dense#losses()} ({@code null}: none). */
    public Options kernelRegularizer(Regularizer r) {
      kernelRegularizer = r;
      return this;
    }

    /** A penalty on the bias, reported by {@link Dense#losses()} ({@code null}: none). */
    public Options biasRegularizer(Regularizer r) {
      biasRegularizer = r;
      return this;
    }
  }

  /** Default options: linear, with bias, Glorot-uniform kernel, zero bias. */
  public static Options units(int units) {
    return new Options(units);
  }

  public Dense(int units) {
    this(units(units));
  }

  public Dense(Options o) {
    super(o.name);
    if (o.units < 1) {
      throw new IllegalArgumentException("Dense: units must be positive, got " + o.units);
    }
    this.units = o.units;
    this.useBias = o.useBias;
    this.kernelInitializer = o.kernelInitializer;
    this.biasInitializer = o.biasInitializer;
    this.activation = Activations.get(o.activation);
    this.activationName = o.activation == null ? "linear" : o.activation;
    this.kernelRegularizer = o.kernelRegularizer;
    this.biasRegularizer = o.biasRegularizer;
  }

  @Override
  protected void build(int[] inputShape) {
    if (inputShape.length < 2 || inputShape[inputShape.length - 1] < 1) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Dense) needs inputs of rank >= 2 with a known last axis, got "
              + formatShape(inputShape));
    }
    int in = inputShape[inputShape.length - 1];
    kernel = addWeight("kernel", new int[] {in, units}, kernelInitializer, true, kernelRegularizer);
    if (useBias) {
      bias = addWeight("bias", new int[] {units}, biasInitializer, true, biasRegularizer);
    }
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    int in = kernel.shape().dim(0);
    if (x.shape().dim(-1) != in) {
      throw new IllegalArgumentException(
          "layer '"
              + name()
              + "' (Dense) was built for inputs with last axis "
              + in
              + ", got shape "
              + x.shape());
    }
    Tensor y = Ops.matmul(x, kernel);
    if (useBias) {
      y = Ops.add(y, bias);
    }
    return activation.apply(y);
  }

  public int units() {
    return units;
  }

  public Variable kernel() {
    return kernel;
  }

  public Variable bias() {
    return bias;
  }

  /** The activation's Keras name ({@code "linear"} for none). */
  public String activation() {
    return activationName;
  }

  public boolean useBias() {
    return useBias;
  }

  public Initializer kernelInitializer() {
    return kernelInitializer;
  }

  public Initializer biasInitializer() {
    return biasInitializer;
  }

  /** The kernel penalty, or {@code null}. */
  public Regularizer kernelRegularizer() {
    return kernelRegularizer;
  }

  /** The bias penalty, or {@code null}. */
  public Regularizer biasRegularizer() {
    return biasRegularizer;
  }
}
