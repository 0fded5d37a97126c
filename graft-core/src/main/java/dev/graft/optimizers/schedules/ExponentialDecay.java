package dev.graft.optimizers.schedules;

/**
 * {@code initialLearningRate * decayRate ^ (step / decaySteps)}, with the exponent rounded down
 * when {@code staircase} is set (the rate then changes every {@code decaySteps} steps), as Keras's
 * {@code ExponentialDecay}.
 *
 * @param initialLearningRate the rate at step 0
 * @param decaySteps the number of steps over which the rate is multiplied by {@code decayRate};
 *     positive
 * @param decayRate the factor per {@code decaySteps}
 * @param staircase whether the exponent is an integer
 */
public record ExponentialDecay(
    float initialLearningRate, long decaySteps, float decayRate, boolean staircase)
    implements LearningRateSchedule {

  public ExponentialDecay {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException(
          "ExponentialDecay: decaySteps must be positive, got " + decaySteps);
    }
  }

  @Override
  public float apply(long step) {
    double p = (double) step / decaySteps;
    if (staircase) {
      p = Math.floor(p);
    }
    return (float) (initialLearningRate * Math.pow(decayRate, p));
  }
}
