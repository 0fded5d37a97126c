package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.core.Dense;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Tensor;

/**
 * VGG16 (Simonyan and Zisserman, 2014) as Keras 3's {@code keras.applications.VGG16}: five blocks
 * of 3x3 convolutions and max pooling, then (with the top) two 4096-wide Dense layers; default
 * input 224x224, at least 32x32. Layer names, order and weights are Keras's. With the top it has
 * 138 million parameters (553 MB of float32).
 *
 * <p>Inputs are expected as {@link #preprocessInput} makes them (Keras's mode "caffe").
 */
public final class VGG16 {
  private static final String MODEL = "VGG16";
  private static final String BASE_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/";

  private VGG16() {}

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

    int[] filters = {64, 128, 256, 512, 512};
    int[] convs = {2, 2, 3, 3, 3};
    KerasTensor x = input;
    for (int b = 0; b < 5; b++) {
      for (int c = 1; c <= convs[b]; c++) {
        String name = "block" + (b + 1) + "_conv" + c;
        x =
            new Conv2D(Conv2D.filters(filters[b], 3).activation("relu").padding("same").name(name))
                .apply(x);
      }
      x =
          new MaxPooling2D(MaxPooling2D.poolSize(2).strides(2).name("block" + (b + 1) + "_pool"))
              .apply(x);
    }

    if (o.includeTop()) {
      x = new Flatten("flatten").apply(x);
      x = new Dense(Dense.units(4096).activation("relu").name("fc1")).apply(x);
      x = new Dense(Dense.units(4096).activation("relu").name("fc2")).apply(x);
      x = Builds.predictions(MODEL, x, o);
    } else {
      x = Builds.pooling(x, o.pooling(), null, null);
    }
    String name = o.name() != null ? o.name() : "vgg16";
    return Builds.finish(o, input, x, name, weightSpec(o.includeTop()));
  }

  /** The ImageNet weights file Keras loads, with or without the classifier. */
  public static RemoteFile weightSpec(boolean includeTop) {
    String file =
        includeTop
            ? "vgg16_weights_tf_dim_ordering_tf_kernels.h5"
            : "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
    String md5 =
        includeTop ? "64373286793e3c8b2b4e3219cbf3544b" : "6d6bbae143d832006294945121d1f1fc";
    return Builds.kerasFile(file, BASE_URL + file, md5);
  }

  /** RGB to BGR and ImageNet's mean pixel subtracted (Keras's mode "caffe"). */
  public static Tensor preprocessInput(Tensor x) {
    return Preprocessing.preprocessInput(x, PreprocessMode.CAFFE);
  }
}
