package dev.graft.cli.demo;

/**
 * How long and how fast one few-shot model trains: Adam for {@code steps} steps (each step one
 * batch of every labelled image) at {@code learningRate}.
 */
public record Schedule(int steps, float learningRate) {
  /** Checks the values. */
  public Schedule {
    if (steps < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException(
          "Schedule: needs at least one step and a positive learning rate, got "
              + steps
              + " steps at "
              + learningRate);
    }
  }
}
