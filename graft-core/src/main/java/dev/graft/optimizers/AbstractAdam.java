package dev.graft.optimizers;

import dev.graft.autodiff.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The Adam update rule shared by {@link Adam} and {@link AdamW}, as Keras 3's {@code Adam}. At step
 * {@code t} (1 for the first step):
 *
 * <pre>
 * m = m + (g - m) * (1 - beta1)
 * v = v + (g^2 - v) * (1 - beta2)
 * vHat = max(vHat, v)                                    (amsgrad only; then v := vHat)
 * w = w - m * alpha / (sqrt(v) + epsilon),   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * </pre>
 *
 * <p>Epsilon is added to {@code sqrt(v)} of the uncorrected velocity, not to a bias-corrected one:
 * this is Keras's (and TensorFlow's) form, which differs slightly from the paper's.
 */
public abstract class AbstractAdam extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final boolean amsgrad;

  AbstractAdam(String name, Builder<?> b) {
    super(name, b);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.amsgrad = b.amsgrad;
  }

  public float beta1() {
    return beta1;
  }

  public float beta2() {
    return beta2;
  }

  public float epsilon() {
    return epsilon;
  }

  public boolean amsgrad() {
    return amsgrad;
  }

  /**
   * Keras's {@code build}: momentum and velocity interleaved per variable ({@code
   * add_optimizer_variables(vars, ["momentum", "velocity"])}), then, with amsgrad, all the velocity
   * maxima.
   */
  @Override
  public List<List<String>> kerasSlotOrder() {
    List<List<String>> order = new ArrayList<>();
    order.add(List.of("momentum", "velocity"));
    if (amsgrad) {
      order.add(List.of("velocity_hat"));
    }
    return order;
  }

  @Override
  protected final void update(Variable variable, float[] g, float lr) {
    long t = iterations() + 1;
    float beta1Power = (float) Math.pow(beta1, t);
    float beta2Power = (float) Math.pow(beta2, t);
    float alpha = lr * (float) Math.sqrt(1 - beta2Power) / (1 - beta1Power);
    float oneMinusBeta1 = 1 - beta1;
    float oneMinusBeta2 = 1 - beta2;
    Variable mSlot = slot(variable, "momentum", 0f);
    Variable vSlot = slot(variable, "velocity", 0f);
    float[] m = mSlot.toFloatArray();
    float[] v = vSlot.toFloatArray();
    float[] vHat = null;
    Variable vHatSlot = null;
    if (amsgrad) {
      vHatSlot = slot(variable, "velocity_hat", 0f);
      vHat = vHatSlot.toFloatArray();
    }
    float[] w = variable.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      m[i] += (g[i] - m[i]) * oneMinusBeta1;
      v[i] += (g[i] * g[i] - v[i]) * oneMinusBeta2;
      float vi = v[i];
      if (vHat != null) {
        vHat[i] = Math.max(vHat[i], v[i]);
        vi = vHat[i];
      }
      w[i] -= m[i] * alpha / ((float) Math.sqrt(vi) + epsilon);
    }
    write(mSlot, m);
    write(vSlot, v);
    if (vHatSlot != null) {
      write(vHatSlot, vHat);
    }
    write(variable, w);
  }

  /**
   * Settings shared by {@link Adam} and {@link AdamW}; defaults as Keras: learning rate 0.001,
   * beta1 0.9, beta2 0.999, epsilon 1e-7, no amsgrad.
   *
   * @param <B> the concrete builder
   */
  public abstract static class Builder<B extends Builder<B>> extends Optimizer.Builder<B> {
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-7f;
    private boolean amsgrad;

    Builder() {
      super(0.001f);
    }

    /** The decay of the first-moment average, in {@code [0, 1)}. */
    public B beta1(float b) {
      this.beta1 = unitInterval("beta1", b);
      return self();
    }

    /** The decay of the second-moment average, in {@code [0, 1)}. */
    public B beta2(float b) {
      this.beta2 = unitInterval("beta2", b);
      return self();
    }

    public B epsilon(float e) {
      if (!(e >= 0) || Float.isInfinite(e)) {
        throw new IllegalArgumentException("epsilon must be finite and non-negative, got " + e);
      }
      this.epsilon = e;
      return self();
    }

    /** Uses the running maximum of the second moment (AMSGrad). */
    public B amsgrad(boolean on) {
      this.amsgrad = on;
      return self();
    }

    private static float unitInterval(String what, float b) {
      if (!(b >= 0 && b < 1)) {
        throw new IllegalArgumentException(what + " must be in [0, 1), got " + b);
      }
      return b;
    }
  }
}
