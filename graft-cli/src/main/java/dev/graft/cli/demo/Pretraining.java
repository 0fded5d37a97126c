package dev.graft.cli.demo;

import dev.graft.cli.demo.TransferData.Examples;
import dev.graft.data.Dataset;
import dev.graft.initializers.Seeds;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.training.Batch;
import dev.graft.training.FitOptions;
import java.io.PrintStream;
import java.util.List;

/**
 * Pretrains the base on the source classes, each image turned a random number of quarter turns
 * ({@link QuarterTurns}), with a 20-way head (class and turns) that is then thrown away.
 */
final class Pretraining {
  /** Seeds the base's initial weights and the shuffling: pretraining is reproducible. */
  static final long SEED = 20_240_601L;

  private Pretraining() {}

  /** A base pretrained as {@code recipe} says, with Keras-style progress bars on {@code out}. */
  static Model pretrain(PretrainRecipe recipe, Examples source, PrintStream out) {
    Seeds.setGlobalSeed(SEED);
    Model base = CompactBase.build(recipe.widths());
    Model model =
        Classifier.around(
            base,
            false,
            List.of(),
            0,
            TransferData.CLASSES * QuarterTurns.TURNS,
            recipe.translation());
    model.compile(
        new Adam(recipe.learningRate()), new SparseCategoricalCrossentropy(true), "accuracy");
    // Reshuffled and turned anew each epoch.
    Dataset<Batch> batches =
        Dataset.fromArrays(source.images(), source.labels())
            .shuffle(source.size(), SEED, true)
            .map(new QuarterTurns(SEED))
            .batch(recipe.batch(), false)
            .toBatches();
    model.fit(batches, FitOptions.defaults().epochs(recipe.epochs()).output(out));
    return base;
  }
}
