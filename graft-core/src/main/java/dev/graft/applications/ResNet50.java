package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.layers.reshaping.ZeroPadding2D;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Tensor;

/**
 * ResNet50 (He et al., 2015) as Keras 3's {@code keras.applications.ResNet50}: bottleneck residual
 * blocks (v1: batch normalization after each convolution); default input 224x224, at least 32x32.
 * Layer names, order and weights are Keras's.
 *
 * <p>Inputs are expected as {@link #preprocessInput} makes them (Keras's mode "caffe").
 */
public final class ResNet50 {
  private static final String MODEL = "ResNet50";
  private static final String BASE_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";
  private static final float EPSILON = 1.001e-5f;

  private ResNet50() {}

  /** Keras's defaults: ImageNet weights, 224x224 with the classifier. */
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
    int[] shape = Builds.inputShape(MODEL, o.inputShape(), 224, 32, o.includeTop(), o.imagenet());
    KerasTensor input = Builds.input(MODEL, o, shape);

    KerasTensor x = new ZeroPadding2D(new int[][] {{3, 3}, {3, 3}}, "conv1_pad").apply(input);
    x = new Conv2D(Conv2D.filters(64, 7).strides(2).name("conv1_conv")).apply(x);
    x = batchNorm("conv1_bn", x);
    x = new Activation("relu", "conv1_relu").apply(x);
    x = new ZeroPadding2D(new int[][] {{1, 1}, {1, 1}}, "pool1_pad").apply(x);
    x = new MaxPooling2D(MaxPooling2D.poolSize(3).strides(2).name("pool1_pool")).apply(x);

    x = stack(x, 64, 3, 1, "conv2");
    x = stack(x, 128, 4, 2, "conv3");
    x = stack(x, 256, 6, 2, "conv4");
    x = stack(x, 512, 3, 2, "conv5");

    if (o.includeTop()) {
      x = new GlobalAveragePooling2D("avg_pool").apply(x);
      x = Builds.predictions(MODEL, x, o);
    } else {
      x = Builds.pooling(x, o.pooling(), "avg_pool", "max_pool");
    }
    String name = o.name() != null ? o.name() : "resnet50";
    return Builds.finish(o, input, x, name, weightSpec(o.includeTop()));
  }

  /** The ImageNet weights file Keras loads, with or without the classifier. */
  public static RemoteFile weightSpec(boolean includeTop) {
    String file =
        includeTop
            ? "resnet50_weights_tf_dim_ordering_tf_kernels.h5"
            : "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";
    String md5 =
        includeTop ? "2cb95161c43110f7111970584f804107" : "4d473c1dd8becc155b73f8504c6f6626";
    return Builds.kerasFile(file, BASE_URL + file, md5);
  }

  /** RGB to BGR and ImageNet's mean pixel subtracted (Keras's mode "caffe"). */
  public static Tensor preprocessInput(Tensor x) {
    return Preprocessing.preprocessInput(x, PreprocessMode.CAFFE);
  }

  /** {@code blocks} residual blocks; the first has a projection shortcut and the stride. */
  private static KerasTensor stack(
      KerasTensor x, int filters, int blocks, int stride, String name) {
    x = block(x, filters, stride, true, name + "_block1");
    for (int i = 2; i <= blocks; i++) {
      x = block(x, filters, 1, false, name + "_block" + i);
    }
    return x;
  }

  /**
   * A bottleneck block (Keras's {@code residual_block_v1}). The projection shortcut's layers are
   * created where Keras's {@code model.layers} lists them (sorted by depth from the output): after
   * {@code _2_relu}, interleaved with {@code _3_conv} and {@code _3_bn}.
   */
  private static KerasTensor block(
      KerasTensor input, int filters, int stride, boolean convShortcut, String name) {
    KerasTensor x =
        new Conv2D(Conv2D.filters(filters, 1).strides(stride).name(name + "_1_conv")).apply(input);
    x = batchNorm(name + "_1_bn", x);
    x = new Activation("relu", name + "_1_relu").apply(x);
    x = new Conv2D(Conv2D.filters(filters, 3).padding("same").name(name + "_2_conv")).apply(x);
    x = batchNorm(name + "_2_bn", x);
    x = new Activation("relu", name + "_2_relu").apply(x);
    KerasTensor shortcut = input;
    if (convShortcut) {
      shortcut =
          new Conv2D(Conv2D.filters(4 * filters, 1).strides(stride).name(name + "_0_conv"))
              .apply(input);
    }
    x = new Conv2D(Conv2D.filters(4 * filters, 1).name(name + "_3_conv")).apply(x);
    if (convShortcut) {
      shortcut = batchNorm(name + "_0_bn", shortcut);
    }
    x = batchNorm(name + "_3_bn", x);
    x = Builds.add(name + "_add", shortcut, x);
    return new Activation("relu", name + "_out").apply(x);
  }

  private static KerasTensor batchNorm(String name, KerasTensor x) {
    return new BatchNormalization(BatchNormalization.defaults().epsilon(EPSILON).name(name))
        .apply(x);
  }
}
