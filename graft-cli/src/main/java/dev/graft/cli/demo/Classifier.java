package dev.graft.cli.demo;

import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.GeometryOptions;
import dev.graft.layers.preprocessing.RandomTranslation;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import java.util.List;

/**
 * The Keras transfer-learning guide's model around a base: {@code RandomTranslation ->
 * Rescaling(1/255) -> base -> [new blocks] -> GlobalAveragePooling2D -> Dropout(0.2) ->
 * Dense(classes)} (logits). The new blocks, when the base is only the first blocks of a pretrained
 * network, stand in for its blocks left behind; they are trained with the head.
 */
final class Classifier {
  private Classifier() {}

  /**
   * @param base the convolutional base
   * @param baseInInferenceMode true to call the base with {@code training=false} for the model's
   *     whole life (the guide's frozen base, which keeps BatchNormalization in inference mode also
   *     when unfrozen for fine-tuning); false to let it follow the model's training flag
   * @param newBlocks the widths of the blocks added after the base (see {@link CompactBase}),
   *     numbered on from {@code firstNewBlock}; empty for none
   * @param translation the largest random shift (fraction of the size); 0 for none
   */
  static Model around(
      Model base,
      boolean baseInInferenceMode,
      List<Integer> newBlocks,
      int firstNewBlock,
      int classes,
      double translation) {
    KerasTensor in = Input.of(28, 28, 1);
    KerasTensor x = in;
    if (translation > 0) {
      // Fashion-MNIST's background is black: fill uncovered pixels with 0, not a reflection.
      x =
          new RandomTranslation(
                  new double[] {translation},
                  new double[] {translation},
                  GeometryOptions.defaults().fillMode("constant"))
              .apply(x);
    }
    x = new Rescaling(1f / 255f).apply(x);
    x = baseInInferenceMode ? base.apply(x, false) : base.apply(x);
    for (int i = 0; i < newBlocks.size(); i++) {
      x = CompactBase.block(x, newBlocks.get(i), true, "new_block" + (firstNewBlock + i));
    }
    x = new GlobalAveragePooling2D().apply(x);
    x = new Dropout(0.2f).apply(x);
    x = new Dense(classes).apply(x);
    return new Model(in, x, "classifier");
  }
}
