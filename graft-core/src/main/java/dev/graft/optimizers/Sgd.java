package dev.graft.optimizers;

import dev.graft.autodiff.Variable;
import java.util.List;

/**
 * Gradient descent with optional momentum, as Keras's {@code SGD}.
 *
 * <p>Without momentum: {@code w -= lr * g}. With momentum {@code mu}: {@code m = mu * m - lr * g},
 * then {@code w += m}, or with Nesterov {@code w += mu * m - lr * g}.
 *
 * <pre>{@code
 * Sgd sgd = Sgd.builder().learningRate(0.1f).momentum(0.9f).nesterov(true).build();
 * }</pre>
 */
public final class Sgd extends Optimizer {
  private final float momentum;
  private final boolean nesterov;

  private Sgd(Builder b) {
    super("SGD", b);
    this.momentum = b.momentum;
    this.nesterov = b.nesterov;
  }

  /** Plain SGD with learning rate {@code lr}. */
  public Sgd(float lr) {
    this(builder().learningRate(lr));
  }

  /** Defaults as Keras: learning rate 0.01, momentum 0, no Nesterov. */
  public static Builder builder() {
    return new Builder();
  }

  public float momentum() {
    return momentum;
  }

  public boolean nesterov() {
    return nesterov;
  }

  /** Keras's {@code build}: one momentum per variable, none without momentum. */
  @Override
  public List<List<String>> kerasSlotOrder() {
    return momentum != 0 ? List.of(List.of("momentum")) : List.of();
  }

  @Override
  protected void update(Variable variable, float[] g, float lr) {
    float[] w = variable.toFloatArray();
    if (momentum != 0) {
      Variable mSlot = slot(variable, "momentum", 0f);
      float[] m = mSlot.toFloatArray();
      for (int i = 0; i < w.length; i++) {
        m[i] = m[i] * momentum - g[i] * lr;
        w[i] += nesterov ? m[i] * momentum - g[i] * lr : m[i];
      }
      write(mSlot, m);
    } else {
      for (int i = 0; i < w.length; i++) {
        w[i] -= g[i] * lr;
      }
    }
    write(variable, w);
  }

  /** Settings of {@link Sgd}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private float momentum;
    private boolean nesterov;

    private Builder() {
      super(0.01f);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Momentum in {@code [0, 1]}; 0 (the default) turns momentum off. */
    public Builder momentum(float m) {
      if (!(m >= 0 && m <= 1)) {
        throw new IllegalArgumentException("SGD: momentum must be in [0, 1], got " + m);
      }
      this.momentum = m;
      return this;
    }

    public Builder nesterov(boolean on) {
      this.nesterov = on;
      return this;
    }

    public Sgd build() {
      return new Sgd(this);
    }
  }
}
