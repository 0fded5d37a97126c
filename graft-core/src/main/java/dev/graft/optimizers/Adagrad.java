package dev.graft.optimizers;

import dev.graft.autodiff.Variable;
import java.util.List;

/**
 * Adagrad, as Keras's {@code Adagrad}: {@code acc += g^2; w -= lr * g / sqrt(acc + epsilon)}, with
 * the accumulator starting at {@code initialAccumulatorValue}.
 */
public final class Adagrad extends Optimizer {
  private final float initialAccumulatorValue;
  private final float epsilon;

  private Adagrad(Builder b) {
    super("Adagrad", b);
    this.initialAccumulatorValue = b.initialAccumulatorValue;
    this.epsilon = b.epsilon;
  }

  /** Adagrad with learning rate {@code lr} and Keras's other defaults. */
  public Adagrad(float lr) {
    this(builder().learningRate(lr));
  }

  /** Defaults as Keras: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7. */
  public static Builder builder() {
    return new Builder();
  }

  public float initialAccumulatorValue() {
    return initialAccumulatorValue;
  }

  public float epsilon() {
    return epsilon;
  }

  /** Keras's {@code build}: one accumulator per variable. */
  @Override
  public List<List<String>> kerasSlotOrder() {
    return List.of(List.of("accumulator"));
  }

  @Override
  public float slotInitialValue(String slotName) {
    return initialAccumulatorValue;
  }

  @Override
  protected void update(Variable variable, float[] g, float lr) {
    Variable accSlot = slot(variable, "accumulator", initialAccumulatorValue);
    float[] acc = accSlot.toFloatArray();
    float[] w = variable.toFloatArray();
    for (int i = 0; i < w.length; i++) {
      acc[i] += g[i] * g[i];
      w[i] -= lr * g[i] / (float) Math.sqrt(acc[i] + epsilon);
    }
    write(accSlot, acc);
    write(variable, w);
  }

  /** Settings of {@link Adagrad}. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private float initialAccumulatorValue = 0.1f;
    private float epsilon = 1e-7f;

    private Builder() {
      super(0.001f);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The starting value of every accumulator; non-negative. */
    public Builder initialAccumulatorValue(float v) {
      if (!(v >= 0) || Float.isInfinite(v)) {
        throw new IllegalArgumentException(
            "Adagrad: initialAccumulatorValue must be finite and non-negative, got " + v);
      }
      this.initialAccumulatorValue = v;
      return this;
    }

    public Builder epsilon(float e) {
      if (!(e >= 0) || Float.isInfinite(e)) {
        throw new IllegalArgumentException(
            "Adagrad: epsilon must be finite and non-negative, got " + e);
      }
      this.epsilon = e;
      return this;
    }

    public Adagrad build() {
      return new Adagrad(this);
    }
  }
}
