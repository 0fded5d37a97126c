package dev.graft.cli.demo;

import dev.graft.data.Sample;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.function.Function;

/**
 * The demo's pretraining task, as a map over source samples: each image turned by a random number
 * of quarter turns (counterclockwise, 0 to 3) and labelled with both its class and the number of
 * turns, {@code label * 4 + turns}. Telling an upright coat from one on its side asks the base for
 * outline and orientation features that shoes and bags share with tops; the class alone is settled
 * by features of tops only. Chosen on held-out data: see {@link DemoRecipe#full()}.
 *
 * <p>Draws come from one generator in call order: use it in a sequential map.
 */
final class QuarterTurns implements Function<Sample, Sample> {
  /** The number of distinct turns, and so of labels per source class. */
  static final int TURNS = 4;

  private final Rng rng;

  QuarterTurns(long seed) {
    rng = new Rng(seed);
  }

  /** {@code sample} (an image {@code (side, side, 1)}, a scalar label) turned at random. */
  @Override
  public Sample apply(Sample sample) {
    int turns = rng.nextInt(TURNS);
    int[] dims = sample.x().shape().dims();
    float[] turned = new float[sample.x().size()];
    turn(sample.x().toFloatArray(), dims[0], turns, turned);
    float label = sample.y().toFloatArray()[0];
    return new Sample(Tensor.of(turned, dims), Tensor.scalar(label * TURNS + turns));
  }

  /**
   * Writes the {@code side x side} image {@code from}, turned {@code turns} times, to {@code to}.
   */
  static void turn(float[] from, int side, int turns, float[] to) {
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        // Follow the output pixel back through each quarter turn: one counterclockwise turn
        // puts the source's (row r, column c) at (side - 1 - c, r).
        int r = y;
        int c = x;
        for (int t = 0; t < turns; t++) {
          int previousRow = c;
          c = side - 1 - r;
          r = previousRow;
        }
        to[y * side + x] = from[r * side + c];
      }
    }
  }
}
