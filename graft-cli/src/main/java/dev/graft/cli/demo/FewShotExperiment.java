package dev.graft.cli.demo;

import dev.graft.cli.demo.TransferData.Examples;
import dev.graft.initializers.Seeds;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.training.FitOptions;
import dev.graft.training.History;
import java.util.function.Supplier;

/**
 * The three ways to learn the target task from a few labelled images, as the Keras
 * transfer-learning guide runs them: (i) the same architecture from scratch; (ii) feature
 * extraction: the pretrained base (its first {@link DemoRecipe#transferredBlocks()} blocks) frozen
 * and called with {@code training=false}, a new head (new blocks for the rest, then the guide's
 * head) trained on top; (iii) fine-tuning: that model with the base unfrozen, recompiled at a low
 * learning rate and trained further.
 */
final class FewShotExperiment {
  private static final int EVAL_BATCH = 250;

  private final DemoRecipe recipe;
  private final Supplier<Model> pretrainedBase;
  private final Examples test;

  /**
   * @param pretrainedBase a new copy of the pretrained base's transferred blocks on each call
   * @param test the images every variant is evaluated on
   */
  FewShotExperiment(DemoRecipe recipe, Supplier<Model> pretrainedBase, Examples test) {
    this.recipe = recipe;
    this.pretrainedBase = pretrainedBase;
    this.test = test;
  }

  /** Runs the three variants on {@code train}, each initialized from {@code seed}. */
  SeedResult run(long seed, Examples train, StepLog log) {
    long t0 = System.nanoTime();
    Seeds.setGlobalSeed(seed * 1000 + 1);
    Model scratch = classifier(CompactBase.build(recipe.transferredWidths()), false);
    scratch.compile(
        new Adam(recipe.scratch().learningRate()),
        new SparseCategoricalCrossentropy(true),
        "accuracy");
    scratch.fit(train.images(), train.labels(), options(recipe.scratch().steps(), seed));
    double scratchAccuracy = accuracy(scratch);
    double scratchSeconds = seconds(t0);
    log.line(
        "seed %d, from scratch: accuracy %.3f (%.1f s)", seed, scratchAccuracy, scratchSeconds);

    long t1 = System.nanoTime();
    Seeds.setGlobalSeed(seed * 1000 + 2);
    Model base = pretrainedBase.get();
    Model model = classifier(base, true);
    base.setTrainable(false);
    model.compile(
        new Adam(recipe.head().learningRate()),
        new SparseCategoricalCrossentropy(true),
        "accuracy");
    History head = model.fit(train.images(), train.labels(), options(recipe.head().steps(), seed));
    double headAccuracy = accuracy(model);
    double headSeconds = seconds(t1);
    log.line(
        "seed %d, feature extraction: accuracy %.3f (%.1f s)", seed, headAccuracy, headSeconds);

    long t2 = System.nanoTime();
    base.setTrainable(true);
    model.compile(
        new Adam(recipe.fineTune().learningRate()),
        new SparseCategoricalCrossentropy(true),
        "accuracy");
    History fine =
        model.fit(train.images(), train.labels(), options(recipe.fineTune().steps(), seed + 1));
    double fineAccuracy = accuracy(model);
    double fineSeconds = seconds(t2);
    log.line("seed %d, fine-tuning: accuracy %.3f (%.1f s)", seed, fineAccuracy, fineSeconds);
    return new SeedResult(
        seed,
        scratchAccuracy,
        headAccuracy,
        fineAccuracy,
        head,
        fine,
        scratchSeconds,
        headSeconds,
        fineSeconds);
  }

  /** The model around {@code base}: the same shape for scratch and for transfer. */
  private Model classifier(Model base, boolean baseInInferenceMode) {
    return Classifier.around(
        base,
        baseInInferenceMode,
        recipe.newBlockWidths(),
        recipe.transferredBlocks() + 1,
        TransferData.CLASSES,
        recipe.translation());
  }

  private static FitOptions options(int epochs, long seed) {
    // One batch holds every labelled image; the epochs are the steps. Silent: a step line per
    // variant says what happened.
    return FitOptions.defaults().epochs(epochs).batchSize(1024).seed(seed).verbose(0);
  }

  private double accuracy(Model model) {
    return model.trainer().evaluate(test.images(), test.labels(), EVAL_BATCH).get("accuracy");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
