package dev.graft.initializers;

import dev.graft.tensor.Rng;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds for initializers created without one. Each unseeded initializer takes the next value of a
 * process-wide sequence, so a program that builds the same model twice in a row gets different
 * weights (as Keras), and {@link #setGlobalSeed} makes whole runs reproducible.
 */
public final class Seeds {
  private static final AtomicLong NEXT = new AtomicLong(1337);

  private Seeds() {}

  /** Restarts the sequence (Keras's {@code keras.utils.set_random_seed}). */
  public static void setGlobalSeed(long seed) {
    NEXT.set(seed);
  }

  /** The next seed of the sequence. */
  public static long next() {
    return NEXT.getAndIncrement() * 0x9E3779B97F4A7C15L;
  }

  /** A generator from {@code seed}, or from the next seed of the sequence if it is {@code null}. */
  static Rng rng(Long seed) {
    return new Rng(seed == null ? next() : seed);
  }

  /** Rejects a non-finite mean or a negative or non-finite standard deviation. */
  static void checkNormal(String type, float mean, float stddev) {
    if (!(stddev >= 0) || !Float.isFinite(stddev) || !Float.isFinite(mean)) {
      throw new IllegalArgumentException(
          type
              + ": mean must be finite and stddev finite and non-negative, got mean="
              + mean
              + ", stddev="
              + stddev);
    }
  }
}
