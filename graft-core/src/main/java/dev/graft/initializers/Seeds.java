package dev.graft.initializers;

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
}
