package dev.graft.cli.demo;

import dev.graft.cli.UserError;
import dev.graft.datasets.Datasets;
import dev.graft.datasets.TrainTest;
import dev.graft.models.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The demo: pretrain (or load) the base on the source classes, run the three few-shot variants for
 * each seed on the target classes, print the table, write {@value #CURVES} and {@value #REPORT}.
 */
public final class Demo {
  /** The curves file, in the output folder. */
  public static final String CURVES = "demo-curves.png";

  /** The report file, in the output folder. */
  public static final String REPORT = "demo-report.json";

  private final DemoRecipe recipe;
  private final boolean heldOut;
  private final Supplier<TrainTest> data;
  private final BaseCache cache;
  private final Path outDir;

  /**
   * @param data Fashion-MNIST ({@link #loadFashionMnist}); throws {@link UserError} when missing
   * @param cacheDir where pretrained bases are cached
   * @param outDir where the PNG and the report go
   */
  public Demo(DemoRecipe recipe, Supplier<TrainTest> data, Path cacheDir, Path outDir) {
    this(recipe, false, data, cacheDir, outDir);
  }

  /**
   * @param heldOut true to evaluate on held-out target training images instead of the test images
   *     ({@link HeldOutSplit}; pass {@link DemoRecipe#forValidation()})
   */
  public Demo(
      DemoRecipe recipe, boolean heldOut, Supplier<TrainTest> data, Path cacheDir, Path outDir) {
    this.recipe = recipe;
    this.heldOut = heldOut;
    this.data = data;
    this.cache = new BaseCache(cacheDir);
    this.outDir = outDir;
  }

  /** Fashion-MNIST, or a {@link UserError} saying how to get it. */
  public static TrainTest loadFashionMnist() {
    return fashionMnist(Datasets::fashionMnist);
  }

  /** What {@code loader} returns; its {@link UncheckedIOException} as a {@link UserError}. */
  static TrainTest fashionMnist(Supplier<TrainTest> loader) {
    try {
      return loader.get();
    } catch (UncheckedIOException e) {
      throw new UserError(
          "the demo needs Fashion-MNIST, which was not found ("
              + e.getMessage()
              + "); install it with 'sudo apt-get install dataset-fashion-mnist' or let graft"
              + " download it",
          e);
    }
  }

  /** Runs the demo, printing progress and results on {@code out}. */
  public DemoResult run(PrintStream out) throws IOException {
    StepLog log = new StepLog(out);
    log.line("loading Fashion-MNIST");
    TrainTest fashionMnist = data.get();
    if (heldOut) {
      fashionMnist = HeldOutSplit.of(fashionMnist);
      log.line(
          "validation: %d target-class training images held out for evaluation; the test images"
              + " are not used",
          HeldOutSplit.IMAGES);
    }
    TransferData split =
        TransferData.of(fashionMnist, recipe.pretraining().images(), recipe.testImages());
    double loadSeconds = log.elapsed();
    log.line(
        "source classes (T-shirt/top, Trouser, Pullover, Dress, Coat): %d training images;"
            + " target classes (Sandal, Shirt, Sneaker, Bag, Ankle boot): %d %s images",
        split.source().size(), split.targetTest().size(), heldOut ? "held-out" : "test");

    PretrainRecipe pretraining = recipe.pretraining();
    Model base = cache.load(pretraining, log);
    boolean pretrained = base == null;
    if (pretrained) {
      log.line(
          "pretraining the base (%s filters, %d epochs) on the source classes and quarter turns",
          pretraining.widths(), pretraining.epochs());
      base = Pretraining.pretrain(pretraining, split.source(), out);
      cache.save(base, pretraining);
      log.line("cached the pretrained base in %s", cache.file(pretraining));
    } else {
      log.line("using the pretrained base cached in %s", cache.file(pretraining));
    }
    double pretrainSeconds = log.elapsed() - loadSeconds;
    Model pretrainedBase = base;

    if (!recipe.newBlockWidths().isEmpty()) {
      log.line(
          "transferring the first %d of its %d blocks; new blocks of %s filters replace the rest",
          recipe.transferredBlocks(), pretraining.widths().size(), recipe.newBlockWidths());
    }
    FewShotExperiment experiment =
        new FewShotExperiment(
            recipe,
            () ->
                CompactBase.firstBlocks(
                    pretrainedBase, recipe.modelWidths(), recipe.transferredBlocks()),
            split.targetTest());
    List<SeedResult> results = new ArrayList<>();
    for (long seed : recipe.seeds()) {
      log.line(
          "seed %d: %d labelled images per target class; training three models",
          seed, recipe.shotsPerClass());
      results.add(experiment.run(seed, split.fewShot(recipe.shotsPerClass(), seed), log));
    }
    CurvesPlot.write(results.get(0), outDir.resolve(CURVES));
    DemoResult result =
        new DemoResult(
            recipe, heldOut, results, pretrained, loadSeconds, pretrainSeconds, log.elapsed());
    DemoReport.write(result, outDir.resolve(REPORT));
    printTable(result, out);
    out.printf(Locale.ROOT, "wrote %s and %s%n", outDir.resolve(CURVES), outDir.resolve(REPORT));
    return result;
  }

  static void printTable(DemoResult r, PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%s accuracy on %d images of the target classes, %d labelled images per class:%n",
        r.heldOut() ? "Held-out" : "Test",
        r.recipe().testImages(),
        r.recipe().shotsPerClass());
    out.printf(
        Locale.ROOT, "%-10s %10s %20s %13s%n", "", "scratch", "feature extraction", "fine-tuning");
    for (SeedResult s : r.seeds()) {
      out.printf(
          Locale.ROOT,
          "%-10s %10.3f %20.3f %13.3f%n",
          "seed " + s.seed(),
          s.scratchAccuracy(),
          s.featureExtractionAccuracy(),
          s.fineTuneAccuracy());
    }
    out.printf(
        Locale.ROOT,
        "%-10s %10.3f %20.3f %13.3f%n",
        "mean",
        r.scratchAccuracy(),
        r.featureExtractionAccuracy(),
        r.fineTuneAccuracy());
    double fe = 100 * (r.featureExtractionAccuracy() - r.scratchAccuracy());
    double ft = 100 * (r.fineTuneAccuracy() - r.scratchAccuracy());
    out.printf(Locale.ROOT, "%-10s %10s %+20.1f %+13.1f%n", "vs scratch", "(points)", fe, ft);
    out.println(verdict(Math.max(fe, ft)));
    out.println();
    out.printf(
        Locale.ROOT,
        "Time: loading %.1f s, %s %.1f s, few-shot runs %.1f s, total %.1f s%n",
        r.loadSeconds(),
        r.pretrained() ? "pretraining" : "cached base",
        r.pretrainSeconds(),
        r.seeds().stream()
            .mapToDouble(
                s -> s.scratchSeconds() + s.featureExtractionSeconds() + s.fineTuneSeconds())
            .sum(),
        r.seconds());
  }

  /**
   * An honest one-line reading of the margin, whatever its sign. It reads the margin as printed, to
   * one decimal, so the words never disagree with the number beside them.
   */
  static String verdict(double bestMarginPoints) {
    double shown = Math.round(bestMarginPoints * 10) / 10.0;
    if (shown >= 5) {
      return String.format(
          Locale.ROOT,
          "Transfer learning helps: the better transfer variant is %.1f points above scratch.",
          bestMarginPoints);
    }
    if (bestMarginPoints > 0) {
      return String.format(
          Locale.ROOT,
          "Transfer learning helps only a little here: %.1f points above scratch.",
          bestMarginPoints);
    }
    return String.format(
        Locale.ROOT,
        "Transfer learning did not beat training from scratch in this run (%.1f points).",
        bestMarginPoints);
  }
}
