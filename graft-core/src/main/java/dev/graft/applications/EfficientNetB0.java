package dev.graft.applications;

import dev.graft.initializers.Initializer;
import dev.graft.initializers.VarianceScaling;
import dev.graft.initializers.VarianceScaling.Distribution;
import dev.graft.initializers.VarianceScaling.Mode;
import dev.graft.io.download.RemoteFile;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.DepthwiseConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.merging.Multiply;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Normalization;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.layers.reshaping.Reshape;
import dev.graft.layers.reshaping.ZeroPadding2D;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Tensor;

/**
 * EfficientNet-B0 (Tan and Le, 2019) as Keras 3's {@code keras.applications.EfficientNetB0}: MBConv
 * blocks with squeeze-and-excitation and swish, drop-connect ({@code Dropout} with noise shape
 * {@code (None, 1, 1, 1)}) on the residual blocks; default input 224x224, at least 32x32. Layer
 * names, order and weights are Keras's.
 *
 * <p>The model takes pixels in {@code [0, 255]}: its stem rescales them ({@code Rescaling(1/255)})
 * and normalizes them with a {@code Normalization} layer whose mean and variance (non-trainable
 * weights, 0 and 1 until set) come with the ImageNet weights; with {@code weights="imagenet"} a
 * per-channel {@code Rescaling(1/sqrt(std))} follows, as in Keras. So {@link #preprocessInput}
 * passes the input through.
 */
public final class EfficientNetB0 {
  private static final String MODEL = "EfficientNetB0";
  private static final String BASE_URL = "https://storage.googleapis.com/keras-applications/";
  private static final float[] IMAGENET_STDDEV_RGB = {0.229f, 0.224f, 0.225f};
  private static final double DROP_CONNECT_RATE = 0.2;
  private static final double TOP_DROPOUT_RATE = 0.2;

  /** Keras's {@code DEFAULT_BLOCKS_ARGS} for B0 (width and depth coefficients 1). */
  private record Stage(
      int kernel, int repeats, int filtersIn, int filtersOut, int expand, int stride) {}

  private static final Stage[] STAGES = {
    new Stage(3, 1, 32, 16, 1, 1),
    new Stage(3, 2, 16, 24, 6, 2),
    new Stage(5, 2, 24, 40, 6, 2),
    new Stage(3, 3, 40, 80, 6, 2),
    new Stage(5, 3, 80, 112, 6, 1),
    new Stage(5, 4, 112, 192, 6, 2),
    new Stage(3, 1, 192, 320, 6, 1),
  };

  private static final double SE_RATIO = 0.25;

  private EfficientNetB0() {}

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

    KerasTensor x = new Rescaling(1f / 255f).apply(input);
    x = new Normalization().apply(x);
    if (o.imagenet()) {
      // Keras: the original divides by the variance, Normalization by its square root.
      float[] scale = new float[3];
      for (int c = 0; c < 3; c++) {
        scale[c] = (float) (1.0 / Math.sqrt(IMAGENET_STDDEV_RGB[c]));
      }
      x = new Rescaling(scale, 0f, null).apply(x);
    }
    x = new ZeroPadding2D(Builds.correctPad(x, 3), "stem_conv_pad").apply(x);
    x =
        new Conv2D(
                Conv2D.filters(32, 3)
                    .strides(2)
                    .useBias(false)
                    .kernelInitializer(convInitializer())
                    .name("stem_conv"))
            .apply(x);
    x = batchNorm("stem_bn", x);
    x = new Activation("swish", "stem_activation").apply(x);

    int totalBlocks = 0;
    for (Stage s : STAGES) {
      totalBlocks += s.repeats();
    }
    int b = 0;
    for (int i = 0; i < STAGES.length; i++) {
      Stage s = STAGES[i];
      for (int j = 0; j < s.repeats(); j++) {
        int stride = j == 0 ? s.stride() : 1;
        int filtersIn = j == 0 ? s.filtersIn() : s.filtersOut();
        String name = "block" + (i + 1) + (char) ('a' + j) + "_";
        double dropRate = DROP_CONNECT_RATE * b / totalBlocks;
        x = block(x, dropRate, name, filtersIn, s.filtersOut(), s.kernel(), stride, s.expand());
        b++;
      }
    }

    x =
        new Conv2D(
                Conv2D.filters(1280, 1)
                    .padding("same")
                    .useBias(false)
                    .kernelInitializer(convInitializer())
                    .name("top_conv"))
            .apply(x);
    x = batchNorm("top_bn", x);
    x = new Activation("swish", "top_activation").apply(x);

    if (o.includeTop()) {
      x = new GlobalAveragePooling2D("avg_pool").apply(x);
      x = new Dropout((float) TOP_DROPOUT_RATE, null, "top_dropout").apply(x);
      Builds.checkClassifierActivation(MODEL, o);
      String a = o.classifierActivation() == null ? "linear" : o.classifierActivation();
      x =
          new Dense(
                  Dense.units(o.classes())
                      .activation(a)
                      .kernelInitializer(
                          new VarianceScaling(1.0 / 3.0, Mode.FAN_OUT, Distribution.UNIFORM, null))
                      .name("predictions"))
              .apply(x);
    } else {
      x = Builds.pooling(x, o.pooling(), "avg_pool", "max_pool");
    }
    String name = o.name() != null ? o.name() : "efficientnetb0";
    return Builds.finish(o, input, x, name, weightSpec(o.includeTop()));
  }

  /**
   * The ImageNet weights file Keras loads, with or without the classifier. (Keras names the file
   * after the model's {@code name} argument; this is the file of the default name.)
   */
  public static RemoteFile weightSpec(boolean includeTop) {
    String file = includeTop ? "efficientnetb0.h5" : "efficientnetb0_notop.h5";
    String md5 =
        includeTop ? "902e53a9f72be733fc0bcb005b3ebbac" : "50bc09e76180e00e4465e1a485ddc09d";
    return Builds.kerasFile(file, BASE_URL + file, md5);
  }

  /** The input unchanged: the model rescales and normalizes pixels in {@code [0, 255]} itself. */
  public static Tensor preprocessInput(Tensor x) {
    return Preprocessing.preprocessInput(x, PreprocessMode.IDENTITY);
  }

  /** An MBConv block (Keras's {@code block}) with squeeze-and-excitation. */
  private static KerasTensor block(
      KerasTensor inputs,
      double dropRate,
      String name,
      int filtersIn,
      int filtersOut,
      int kernel,
      int stride,
      int expandRatio) {
    int filters = filtersIn * expandRatio;
    KerasTensor x = inputs;
    if (expandRatio != 1) {
      x =
          new Conv2D(
                  Conv2D.filters(filters, 1)
                      .padding("same")
                      .useBias(false)
                      .kernelInitializer(convInitializer())
                      .name(name + "expand_conv"))
              .apply(x);
      x = batchNorm(name + "expand_bn", x);
      x = new Activation("swish", name + "expand_activation").apply(x);
    }
    if (stride == 2) {
      x = new ZeroPadding2D(Builds.correctPad(x, kernel), name + "dwconv_pad").apply(x);
    }
    x =
        new DepthwiseConv2D(
                DepthwiseConv2D.kernelSize(kernel)
                    .strides(stride)
                    .padding(stride == 2 ? "valid" : "same")
                    .useBias(false)
                    .depthwiseInitializer(convInitializer())
                    .name(name + "dwconv"))
            .apply(x);
    x = batchNorm(name + "bn", x);
    x = new Activation("swish", name + "activation").apply(x);

    int filtersSe = Math.max(1, (int) (filtersIn * SE_RATIO));
    KerasTensor se = new GlobalAveragePooling2D(name + "se_squeeze").apply(x);
    se = new Reshape(name + "se_reshape", 1, 1, filters).apply(se);
    se =
        new Conv2D(
                Conv2D.filters(filtersSe, 1)
                    .padding("same")
                    .activation("swish")
                    .kernelInitializer(convInitializer())
                    .name(name + "se_reduce"))
            .apply(se);
    se =
        new Conv2D(
                Conv2D.filters(filters, 1)
                    .padding("same")
                    .activation("sigmoid")
                    .kernelInitializer(convInitializer())
                    .name(name + "se_expand"))
            .apply(se);
    x = Builds.merge(new Multiply(name + "se_excite"), x, se);

    x =
        new Conv2D(
                Conv2D.filters(filtersOut, 1)
                    .padding("same")
                    .useBias(false)
                    .kernelInitializer(convInitializer())
                    .name(name + "project_conv"))
            .apply(x);
    x = batchNorm(name + "project_bn", x);
    if (stride == 1 && filtersIn == filtersOut) {
      if (dropRate > 0) {
        x = new Dropout((float) dropRate, new int[] {-1, 1, 1, 1}, null, name + "drop").apply(x);
      }
      x = Builds.add(name + "add", x, inputs);
    }
    return x;
  }

  /** Keras's {@code CONV_KERNEL_INITIALIZER}; a new one per layer, as Keras deep-copies it. */
  private static Initializer convInitializer() {
    return new VarianceScaling(2.0, Mode.FAN_OUT, Distribution.TRUNCATED_NORMAL, null);
  }

  private static KerasTensor batchNorm(String name, KerasTensor x) {
    return new BatchNormalization(BatchNormalization.defaults().name(name)).apply(x);
  }
}
