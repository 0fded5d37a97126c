package dev.graft.optimizers.schedules;

/**
 * A learning rate that depends on the optimizer step. The optimizer asks for {@code apply(n)} where
 * {@code n} is the number of steps already applied ({@link
 * dev.graft.optimizers.Optimizer#iterations()} before the step), so the first step uses {@code
 * apply(0)}, as in Keras.
 *
 * <pre>{@code
 * Optimizer opt = Sgd.builder().learningRate(new ExponentialDecay(0.1f, 1000, 0.96f, true)).build();
 * Optimizer warm = Adam.builder().learningRate(step -> step < 100 ? 1e-4f : 1e-3f).build();
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /** The learning rate for the step taken after {@code step} steps. */
  float apply(long step);
}
