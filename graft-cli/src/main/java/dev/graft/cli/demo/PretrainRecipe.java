package dev.graft.cli.demo;

import java.util.List;
import java.util.Locale;

/**
 * How the demo's base is pretrained on the source classes; everything the cached base depends on.
 *
 * @param widths filters of each convolution block of the pretrained base (see {@link CompactBase});
 *     the transfer models keep only its first blocks
 * @param images how many of the 30,000 source-class training images to pretrain on
 * @param epochs epochs of pretraining
 * @param batch batch size
 * @param learningRate Adam's learning rate
 * @param translation the largest random shift, as a fraction of the image size (0: none)
 */
public record PretrainRecipe(
    List<Integer> widths,
    int images,
    int epochs,
    int batch,
    float learningRate,
    double translation) {

  /** Checks the sizes. */
  public PretrainRecipe {
    widths = List.copyOf(widths);
    if (widths.isEmpty() || images < 1 || epochs < 1 || batch < 1) {
      throw new IllegalArgumentException(
          "PretrainRecipe: needs at least one block, one image, one epoch and a batch of one");
    }
  }

  /**
   * The cached base's file name: a change to any setting here pretrains a new base, under a new
   * name.
   */
  public String baseKey() {
    StringBuilder w = new StringBuilder();
    for (int width : widths) {
      w.append(w.length() == 0 ? "" : "-").append(width);
    }
    return String.format(
        Locale.ROOT,
        "base-v%d-w%s-n%d-e%d-b%d-lr%s-t%s",
        CompactBase.VERSION,
        w,
        images,
        epochs,
        batch,
        Float.toString(learningRate),
        Double.toString(translation));
  }
}
