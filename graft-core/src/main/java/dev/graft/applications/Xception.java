package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Tensor;

/**
 * Xception (Chollet, 2017) as Keras 3's {@code keras.applications.Xception}: depthwise separable
 * convolutions with residual connections; default input 299x299, at least 71x71. Layer names, order
 * and weights are Keras's; as in Keras the residual branches' Conv2D / BatchNormalization layers
 * have automatic names ({@code conv2d}, {@code batch_normalization}, ...; see {@link
 * dev.graft.layers.LayerNames#reset()}), which is why Keras loads its weight files by order.
 *
 * <p>Inputs are expected in {@code [-1, 1]}: see {@link #preprocessInput}.
 */
public final class Xception {
  private static final String MODEL = "Xception";
  private static final String BASE_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/xception/";

  private Xception() {}

  /** Keras's defaults: ImageNet weights, 299x299 with the classifier. */
  public static ApplicationModel build() {
    return build(ApplicationOptions.defaults());
  }

  /**
   * Builds the model.
   *
   * @throws IllegalArgumentException for the arguments Keras rejects, with its reasons
   */
  public static ApplicationModel build(ApplicationOptions o) {
    Builds.checkWeightsAndClasses(MODEL, o);
    int[] shape = Builds.inputShape(MODEL, o.inputShape(), 299, 71, o.includeTop(), o.imagenet());
    KerasTensor input = Builds.input(MODEL, o, shape);

    KerasTensor x =
        new Conv2D(Conv2D.filters(32, 3).strides(2).useBias(false).name("block1_conv1"))
            .apply(input);
    x = batchNorm("block1_conv1_bn", x);
    x = relu("block1_conv1_act", x);
    x = new Conv2D(Conv2D.filters(64, 3).useBias(false).name("block1_conv2")).apply(x);
    x = batchNorm("block1_conv2_bn", x);
    x = relu("block1_conv2_act", x);

    x = entryBlock(x, 2, 128, false);
    x = entryBlock(x, 3, 256, true);
    x = entryBlock(x, 4, 728, true);

    for (int i = 0; i < 8; i++) {
      KerasTensor residual = x;
      String prefix = "block" + (i + 5);
      for (int k = 1; k <= 3; k++) {
        x = relu(prefix + "_sepconv" + k + "_act", x);
        x = sepConv(728, prefix + "_sepconv" + k, x);
        x = batchNorm(prefix + "_sepconv" + k + "_bn", x);
      }
      x = Builds.add(null, x, residual);
    }

    KerasTensor blockInput = x;
    x = relu("block13_sepconv1_act", x);
    x = sepConv(728, "block13_sepconv1", x);
    x = batchNorm("block13_sepconv1_bn", x);
    x = relu("block13_sepconv2_act", x);
    x = sepConv(1024, "block13_sepconv2", x);
    x = poolAndShortcut(blockInput, "block13", 1024, x);

    x = sepConv(1536, "block14_sepconv1", x);
    x = batchNorm("block14_sepconv1_bn", x);
    x = relu("block14_sepconv1_act", x);
    x = sepConv(2048, "block14_sepconv2", x);
    x = batchNorm("block14_sepconv2_bn", x);
    x = relu("block14_sepconv2_act", x);

    if (o.includeTop()) {
      x = new GlobalAveragePooling2D("avg_pool").apply(x);
      x = Builds.predictions(MODEL, x, o);
    } else {
      x = Builds.pooling(x, o.pooling(), null, null);
    }
    String name = o.name() != null ? o.name() : "xception";
    return Builds.finish(o, input, x, name, weightSpec(o.includeTop()));
  }

  /** The ImageNet weights file Keras loads, with or without the classifier. */
  public static RemoteFile weightSpec(boolean includeTop) {
    return includeTop
        ? Builds.kerasFile(
            "xception_weights_tf_dim_ordering_tf_kernels.h5",
            BASE_URL + "xception_weights_tf_dim_ordering_tf_kernels.h5",
            "0a58e3b7378bc2990ea3b43d5981f1f6")
        : Builds.kerasFile(
            "xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
            BASE_URL + "xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "b0042744bf5b25fce3cb969f33bebb97");
  }

  /** Scales pixels from {@code [0, 255]} to {@code [-1, 1]} (Keras's mode "tf"). */
  public static Tensor preprocessInput(Tensor x) {
    return Preprocessing.preprocessInput(x, PreprocessMode.TF);
  }

  /**
   * Blocks 2 to 4: a strided 1x1 shortcut, two separable convolutions (the first after a ReLU,
   * except in block 2), max pooling, and the sum.
   */
  private static KerasTensor entryBlock(KerasTensor x, int block, int filters, boolean reluFirst) {
    String prefix = "block" + block;
    KerasTensor blockInput = x;
    if (reluFirst) {
      x = relu(prefix + "_sepconv1_act", x);
    }
    x = sepConv(filters, prefix + "_sepconv1", x);
    x = batchNorm(prefix + "_sepconv1_bn", x);
    x = relu(prefix + "_sepconv2_act", x);
    x = sepConv(filters, prefix + "_sepconv2", x);
    return poolAndShortcut(blockInput, prefix, filters, x);
  }

  /**
   * The end of a block with a projection shortcut: the last BatchNormalization, max pooling, the
   * residual branch (unnamed strided 1x1 Conv2D and BatchNormalization, as in Keras) and the sum.
   * Layers are created in the order of Keras's {@code model.layers}, which sorts by depth from the
   * output: {@code _sepconv2_bn, conv2d, _pool, batch_normalization, add}; graft orders a model's
   * layers by creation, so this keeps the weight order Keras's files have.
   */
  private static KerasTensor poolAndShortcut(
      KerasTensor blockInput, String prefix, int filters, KerasTensor x) {
    x = batchNorm(prefix + "_sepconv2_bn", x);
    KerasTensor r =
        new Conv2D(Conv2D.filters(filters, 1).strides(2).padding("same").useBias(false))
            .apply(blockInput);
    x = maxPool(prefix + "_pool", x);
    r = new BatchNormalization().apply(r);
    return Builds.add(null, x, r);
  }

  private static KerasTensor sepConv(int filters, String name, KerasTensor x) {
    return new SeparableConv2D(
            SeparableConv2D.filters(filters, 3).padding("same").useBias(false).name(name))
        .apply(x);
  }

  private static KerasTensor batchNorm(String name, KerasTensor x) {
    return new BatchNormalization(BatchNormalization.defaults().name(name)).apply(x);
  }

  private static KerasTensor relu(String name, KerasTensor x) {
    return new Activation("relu", name).apply(x);
  }

  private static KerasTensor maxPool(String name, KerasTensor x) {
    return new MaxPooling2D(MaxPooling2D.poolSize(3).strides(2).padding("same").name(name))
        .apply(x);
  }
}
