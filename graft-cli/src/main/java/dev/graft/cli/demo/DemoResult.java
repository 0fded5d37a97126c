package dev.graft.cli.demo;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a demo run measured.
 *
 * @param heldOut whether the accuracies are on held-out training images ({@code --validate}) rather
 *     than the test images
 * @param seeds the results per labelled-subset seed, in the recipe's order
 * @param pretrained whether this run pretrained the base (false: it came from the cache)
 * @param loadSeconds time to load Fashion-MNIST
 * @param pretrainSeconds time to pretrain the base or read it from the cache
 * @param seconds the whole demo
 */
public record DemoResult(
    DemoRecipe recipe,
    boolean heldOut,
    List<SeedResult> seeds,
    boolean pretrained,
    double loadSeconds,
    double pretrainSeconds,
    double seconds) {

  public DemoResult {
    seeds = List.copyOf(seeds);
  }

  /** The mean accuracy (test or held-out) from scratch over the seeds. */
  public double scratchAccuracy() {
    return mean(SeedResult::scratchAccuracy);
  }

  /** The mean accuracy (test or held-out) of feature extraction over the seeds. */
  public double featureExtractionAccuracy() {
    return mean(SeedResult::featureExtractionAccuracy);
  }

  /** The mean accuracy (test or held-out) after fine-tuning over the seeds. */
  public double fineTuneAccuracy() {
    return mean(SeedResult::fineTuneAccuracy);
  }

  private double mean(ToDoubleFunction<SeedResult> f) {
    return seeds.stream().mapToDouble(f).average().orElse(Double.NaN);
  }
}
