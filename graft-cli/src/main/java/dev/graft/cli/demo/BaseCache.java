package dev.graft.cli.demo;

import dev.graft.models.Model;
import dev.graft.saving.GraftWeights;
import dev.graft.saving.WeightsFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pretrained bases in graft's cache ({@code GraftHome.root()/demo}), one weights file per
 * {@link DemoRecipe#baseKey()}: a changed recipe finds no file and pretrains anew. Files are
 * written atomically, so an interrupted run leaves no half-written base behind.
 */
final class BaseCache {
  private final Path dir;

  BaseCache(Path dir) {
    this.dir = dir;
  }

  /** Where the base of {@code recipe} is cached. */
  Path file(PretrainRecipe recipe) {
    return dir.resolve(recipe.baseKey() + GraftWeights.EXTENSION);
  }

  /**
   * The cached base of {@code recipe}, or null when there is none or it cannot be read (then it is
   * pretrained again and replaced; {@code log} says why).
   */
  Model load(PretrainRecipe recipe, StepLog log) throws IOException {
    Path f = file(recipe);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    Model base = CompactBase.build(recipe.widths());
    try {
      GraftWeights.load(base, f);
      return base;
    } catch (WeightsFileException | IllegalArgumentException e) {
      log.line("the cached base cannot be used (%s); pretraining it again", e.getMessage());
      return null;
    }
  }

  /** Caches {@code base} as the base of {@code recipe}. */
  void save(Model base, PretrainRecipe recipe) throws IOException {
    Files.createDirectories(dir);
    GraftWeights.save(base, file(recipe));
  }
}
