package dev.graft.cli.demo;

import dev.graft.layers.Layer;
import dev.graft.layers.activation.ReLU;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import java.util.List;

/**
 * The demo's convolutional base: for each width a block of 3x3 convolution (same padding, no bias),
 * BatchNormalization and ReLU, with 2x2 max pooling between blocks. Input {@code (28, 28, 1)} with
 * values in [0, 1]; output a feature map (7x7 after three blocks).
 */
public final class CompactBase {
  /**
   * The version of the architecture and of the pretraining code: part of the cache key, so a change
   * here retrains the cached base. Bump it when either changes.
   */
  public static final int VERSION = 2;

  /**
   * BatchNormalization's momentum: 0.9 (PyTorch's default, 0.1 in its convention) rather than
   * Keras's 0.99, because the base is pretrained for only a few hundred steps and the moving
   * statistics must catch up with the weights by the end.
   */
  static final float BN_MOMENTUM = 0.9f;

  private CompactBase() {}

  /** A new base with freshly initialized weights. */
  public static Model build(List<Integer> widths) {
    KerasTensor in = Input.of(28, 28, 1);
    KerasTensor x = in;
    for (int i = 0; i < widths.size(); i++) {
      x = block(x, widths.get(i), i > 0, "block" + (i + 1));
    }
    return new Model(in, x, "compact_base");
  }

  /**
   * A base of the first {@code blocks} blocks of {@code base}, holding copies of their weights:
   * what Keras users write as {@code Model(base.input, base.get_layer("block2_relu").output)}.
   */
  public static Model firstBlocks(Model base, List<Integer> widths, int blocks) {
    Model part = build(widths.subList(0, blocks));
    for (Layer layer : part.layers()) {
      if (!layer.getWeights().isEmpty()) {
        layer.setWeights(base.getLayer(layer.name()).getWeights());
      }
    }
    return part;
  }

  /**
   * One block on {@code x}: 2x2 max pooling first when {@code pool}, then convolution,
   * BatchNormalization and ReLU, named {@code prefix_conv} and {@code prefix_bn}.
   */
  static KerasTensor block(KerasTensor x, int width, boolean pool, String prefix) {
    if (pool) {
      x = new MaxPooling2D(2).apply(x);
    }
    x =
        new Conv2D(Conv2D.filters(width, 3).padding("same").useBias(false).name(prefix + "_conv"))
            .apply(x);
    x =
        new BatchNormalization(
                BatchNormalization.defaults().momentum(BN_MOMENTUM).name(prefix + "_bn"))
            .apply(x);
    return new ReLU().apply(x);
  }
}
