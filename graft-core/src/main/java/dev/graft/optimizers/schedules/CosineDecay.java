package dev.graft.optimizers.schedules;

/**
 * Cosine decay with an optional linear warm-up, as Keras's {@code CosineDecay}.
 *
 * <p>Without warm-up ({@code warmupTarget} null) the rate goes from {@code initialLearningRate} to
 * {@code initialLearningRate * alpha} along half a cosine over {@code decaySteps} steps and stays
 * there. With warm-up it first rises linearly from {@code initialLearningRate} to {@code
 * warmupTarget} over {@code warmupSteps} steps, then decays from {@code warmupTarget} to {@code
 * warmupTarget * alpha} over {@code decaySteps} steps.
 *
 * <pre>{@code
 * CosineDecay.of(0.1f, 1000);                                 // no warm-up, alpha 0
 * CosineDecay.of(0f, 1000).withAlpha(0.01f).withWarmup(0.1f, 100);
 * }</pre>
 *
 * @param initialLearningRate the rate at step 0
 * @param decaySteps the length of the decay; positive
 * @param alpha the final rate as a fraction of the rate the decay starts from
 * @param warmupTarget the rate reached after warm-up, or null for no warm-up
 * @param warmupSteps the length of the warm-up (ignored without a target)
 */
public record CosineDecay(
    float initialLearningRate, long decaySteps, float alpha, Float warmupTarget, long warmupSteps)
    implements LearningRateSchedule {

  public CosineDecay {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException(
          "CosineDecay: decaySteps must be positive, got " + decaySteps);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException(
          "CosineDecay: warmupSteps must not be negative, got " + warmupSteps);
    }
  }

  /** Decay from {@code initialLearningRate} to 0 over {@code decaySteps}, no warm-up. */
  public static CosineDecay of(float initialLearningRate, long decaySteps) {
    return new CosineDecay(initialLearningRate, decaySteps, 0f, null, 0);
  }

  public CosineDecay withAlpha(float newAlpha) {
    return new CosineDecay(initialLearningRate, decaySteps, newAlpha, warmupTarget, warmupSteps);
  }

  public CosineDecay withWarmup(float target, long steps) {
    return new CosineDecay(initialLearningRate, decaySteps, alpha, target, steps);
  }

  @Override
  public float apply(long step) {
    if (warmupTarget == null) {
      return decayed(Math.min(step, decaySteps), initialLearningRate);
    }
    double s = Math.min(step, decaySteps + warmupSteps);
    if (s < warmupSteps) {
      return (float)
          ((warmupTarget - (double) initialLearningRate) * (s / warmupSteps) + initialLearningRate);
    }
    return decayed(s - warmupSteps, warmupTarget);
  }

  private float decayed(double step, double from) {
    double cosine = 0.5 * (1.0 + Math.cos(Math.PI * step / decaySteps));
    return (float) (from * ((1 - alpha) * cosine + alpha));
  }
}
