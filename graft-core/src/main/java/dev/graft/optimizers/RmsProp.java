package dev.graft.optimizers;

import dev.graft.autodiff.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop, as Keras's {@code RMSprop}:
 *
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * a = rho * a + (1 - rho) * g                 (centered only)
 * step = lr * g / sqrt(v + epsilon)           (centered: sqrt(v - a^2 + epsilon))
 * m = momentum * m + step; w -= m             (momentum &gt; 0; otherwise w -= step)
 * </pre>
 */
public final class RmsProp extends Optimizer {
  private final float rho;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;

  private RmsProp(Builder b) {
    super("RMSprop", b);
    this.rho = b.rho;
    this.momentum = b.momentum;
    this.epsilon = b.epsilon;
    this.centered = b.centered;
  }

  /** RMSprop with learning rate {@code lr} and Keras's other defaults. */
  public RmsProp(float lr) {
    this(builder().learningRate(lr));
  }

  /** Defaults as Keras: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered. */
  public static Builder builder() {
    return new Builder();
  }

  public float rho() {
    return rho;
  }

  public float momentum() {
    return momentum;
  }

  public float epsilon() {
    return epsilon;
  }

  public boolean centered() {
    return centered;
  }

  /** Keras's {@code build}: all velocities, then all momentums, then all average gradients. */
  @Override
  public List<List<String>> kerasSlotOrder() {
    List<List<String>> order = new ArrayList<>();
    order.add(List.of("velocity"));
    if (momentum > 0) {
      order.add(List.of("momentum"));
    }
    if (centered) {
      order.add(List.of("average_gradient"));
    }
    return order;
  }

  @Override
  protected void update(Variable variable, float[] g, float lr) {
    float oneMinusRho = 1 - rho;
    Variable vSlot = slot(variable, "velocity", 0f);
    float[] v = vSlot.toFloatArray();
    Variable aSlot = centered ? slot(variable, "average_gradient", 0f) : null;
    float[] a = aSlot == null ? null : aSlot.toFloatArray();
    Variable mSlot = momentum > 0 ? slot(variable, "momentum", 0f) : null;
    float[] m = mSlot == null ? null : mSlot.toFloatArray();
    float[] w = variable.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      v[i] = rho * v[i] + oneMinusRho * (g[i] * g[i]);
      float denominator;
      if (a != null) {
        a[i] = rho * a[i] + oneMinusRho * g[i];
        denominator = v[i] - a[i] * a[i] + epsilon;
      } else {
        denominator = v[i] + epsilon;
      }
      float step = lr * g[i] / (float) Math.sqrt(denominator);
      if (m != null) {
        m[i] = momentum * m[i] + step;
        w[i] -= m[i];
      } else {
        w[i] -= step;
      }
    }
    write(vSlot, v);
    if (aSlot != null) {
      write(aSlot, a);
    }
    if (mSlot != null) {
      write(mSlot, m);
    }
    write(variable, w);
  }

  /** Settings of {@link RmsProp}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private float rho = 0.9f;
    private float momentum;
    private float epsilon = 1e-7f;
    private boolean centered;

    private Builder() {
      super(0.001f);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The decay of the squared-gradient average, in {@code [0, 1)}. */
    public Builder rho(float r) {
      if (!(r >= 0 && r < 1)) {
        throw new IllegalArgumentException("RMSprop: rho must be in [0, 1), got " + r);
      }
      this.rho = r;
      return this;
    }

    /** Momentum in {@code [0, 1]}; 0 (the default) turns it off. */
    public Builder momentum(float m) {
      if (!(m >= 0 && m <= 1)) {
        throw new IllegalArgumentException("RMSprop: momentum must be in [0, 1], got " + m);
      }
      this.momentum = m;
      return this;
    }

    public Builder epsilon(float e) {
      if (!(e >= 0) || Float.isInfinite(e)) {
        throw new IllegalArgumentException(
            "RMSprop: epsilon must be finite and non-negative, got " + e);
      }
      this.epsilon = e;
      return this;
    }

    /** Normalizes by the estimated variance of the gradient instead of its second moment. */
    public Builder centered(boolean on) {
      this.centered = on;
      return this;
    }

    public RmsProp build() {
      return new RmsProp(this);
    }
  }
}
