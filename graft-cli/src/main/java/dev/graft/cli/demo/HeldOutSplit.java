package dev.graft.cli.demo;

import dev.graft.datasets.LabeledImages;
import dev.graft.datasets.TrainTest;
import dev.graft.tensor.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The split the demo's recipe was chosen on: {@value #IMAGES} of the target classes' training
 * images, drawn once with a fixed seed, set aside as the evaluation set, and the labelled-subset
 * seeds 11-20. The few labelled images come from the other target training images and the official
 * test images are not used, so choices made here say nothing in advance about the test run. {@code
 * graft demo --validate} runs the demo this way.
 */
final class HeldOutSplit {
  /** Target-class training images held out for evaluation. */
  static final int IMAGES = 2_000;

  /** The labelled-subset seeds of validation runs; the demo's own are 1-3. */
  static final List<Long> SEEDS = LongStream.rangeClosed(11, 20).boxed().toList();

  /** Seeds the held-out draw (fixed: every validation run holds out the same images). */
  private static final long DRAW_SEED = 99;

  private HeldOutSplit() {}

  /**
   * Fashion-MNIST with its test part replaced: the training part without the held-out images (the
   * source classes' images all stay, in their order), and those images as the test part.
   */
  static TrainTest of(TrainTest fashionMnist) {
    LabeledImages train = fashionMnist.train();
    List<Integer> target = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      (train.label(i) >= TransferData.CLASSES ? target : kept).add(i);
    }
    if (target.size() <= IMAGES) {
      throw new IllegalArgumentException(
          "the target classes have only "
              + target.size()
              + " training images; need more than "
              + IMAGES);
    }
    Rng rng = new Rng(DRAW_SEED);
    for (int i = target.size() - 1; i > 0; i--) {
      Collections.swap(target, i, rng.nextInt(i + 1));
    }
    kept.addAll(target.subList(IMAGES, target.size()));
    Collections.sort(kept);
    return new TrainTest(
        train.select(toArray(kept)), train.select(toArray(target.subList(0, IMAGES))));
  }

  private static int[] toArray(List<Integer> indices) {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
