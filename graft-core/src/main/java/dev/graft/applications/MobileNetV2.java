package dev.graft.applications;

import dev.graft.layers.activation.ReLU;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.DepthwiseConv2D;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.reshaping.ZeroPadding2D;
import dev.graft.models.KerasTensor;
import dev.graft.tensor.Tensor;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * MobileNetV2 (Sandler et al., 2018) as Keras 3's {@code keras.applications.MobileNetV2}: inverted
 * residual blocks with linear bottlenecks; {@code alpha} scales the width. Layer names, order and
 * weights are Keras's, so its weight files map onto the model.
 *
 * <pre>{@code
 * ApplicationModel base =
 *     MobileNetV2.build(
 *         0.35, ApplicationOptions.defaults().includeTop(false).inputShape(96, 96, 3));
 * }</pre>
 *
 * <p>Inputs are expected in {@code [-1, 1]}: see {@link #preprocessInput}.
 */
public final class MobileNetV2 {
  /** The widths Keras publishes ImageNet weights for. */
  private static final double[] IMAGENET_ALPHAS = {0.35, 0.50, 0.75, 1.0, 1.3, 1.4};

  /** The square input sizes Keras publishes ImageNet weights for. */
  private static final int[] IMAGENET_SIZES = {96, 128, 160, 192, 224};

  private static final String BASE_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
  private static final String MODEL = "MobileNetV2";

  private MobileNetV2() {}

  /** Width 1.0 with Keras's defaults (ImageNet weights, 224x224 with the classifier). */
  public static ApplicationModel build() {
    return build(1.0, ApplicationOptions.defaults());
  }

  /**
   * Builds the model.
   *
   * @param alpha the width multiplier; with ImageNet weights one of 0.35, 0.5, 0.75, 1.0, 1.3, 1.4
   * @throws IllegalArgumentException for the arguments Keras rejects, with its reasons
   */
  public static ApplicationModel build(double alpha, ApplicationOptions o) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException(MODEL + ": alpha must be positive, got " + alpha);
    }
    Builds.checkWeightsAndClasses(MODEL, o);
    int[] given = o.inputShape();
    KerasTensor tensor = o.inputTensor();
    if (given != null && tensor != null && given.length >= 2 && tensor.shape()[2] != given[1]) {
      throw new IllegalArgumentException(
          MODEL
              + ": input_tensor.shape[2] must equal input_shape[1]; Received input_tensor.shape="
              + Builds.tuple(tensor.shape())
              + ", input_shape="
              + Builds.tuple(given));
    }
    int defaultSize = 224;
    if (given != null && given.length >= 2) {
      defaultSize = imagenetSize(given[0], given[1]) ? given[0] : 224;
    } else if (tensor != null && tensor.shape().length == 4) {
      int[] t = tensor.shape();
      defaultSize = imagenetSize(t[1], t[2]) ? t[1] : 224;
    }
    int[] shape = Builds.inputShape(MODEL, given, defaultSize, 32, o.includeTop(), o.imagenet());
    int rows = shape[0];
    if (o.imagenet()) {
      if (!isImagenetAlpha(alpha)) {
        throw new IllegalArgumentException(
            MODEL
                + ": if imagenet weights are being loaded, alpha must be one of 0.35, 0.50, 0.75,"
                + " 1.0, 1.3 or 1.4 only; Received alpha="
                + alpha);
      }
      if (!imagenetSize(rows, shape[1])) {
        rows = 224;
        System.getLogger("dev.graft.applications")
            .log(
                Level.WARNING,
                "MobileNetV2: the input shape is non-square or its rows are not in [96, 128, 160,"
                    + " 192, 224]; weights for input shape (224, 224) will be loaded");
      }
    }
    KerasTensor input = Builds.input(MODEL, o, shape);

    KerasTensor x =
        new Conv2D(
                Conv2D.filters(makeDivisible(32 * alpha, 8), 3)
                    .strides(2)
                    .padding("same")
                    .useBias(false)
                    .name("Conv1"))
            .apply(input);
    x = batchNorm("bn_Conv1", x);
    x = relu6("Conv1_relu", x);

    x = invertedResidual(x, 16, alpha, 1, 1, 0);
    x = invertedResidual(x, 24, alpha, 2, 6, 1);
    x = invertedResidual(x, 24, alpha, 1, 6, 2);
    x = invertedResidual(x, 32, alpha, 2, 6, 3);
    x = invertedResidual(x, 32, alpha, 1, 6, 4);
    x = invertedResidual(x, 32, alpha, 1, 6, 5);
    x = invertedResidual(x, 64, alpha, 2, 6, 6);
    x = invertedResidual(x, 64, alpha, 1, 6, 7);
    x = invertedResidual(x, 64, alpha, 1, 6, 8);
    x = invertedResidual(x, 64, alpha, 1, 6, 9);
    x = invertedResidual(x, 96, alpha, 1, 6, 10);
    x = invertedResidual(x, 96, alpha, 1, 6, 11);
    x = invertedResidual(x, 96, alpha, 1, 6, 12);
    x = invertedResidual(x, 160, alpha, 2, 6, 13);
    x = invertedResidual(x, 160, alpha, 1, 6, 14);
    x = invertedResidual(x, 160, alpha, 1, 6, 15);
    x = invertedResidual(x, 320, alpha, 1, 6, 16);

    int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
    x = new Conv2D(Conv2D.filters(lastFilters, 1).useBias(false).name("Conv_1")).apply(x);
    x = batchNorm("Conv_1_bn", x);
    x = relu6("out_relu", x);

    if (o.includeTop()) {
      x = new GlobalAveragePooling2D().apply(x);
      x = Builds.predictions(MODEL, x, o);
    } else {
      x = Builds.pooling(x, o.pooling(), null, null);
    }
    String name =
        o.name() != null
            ? o.name()
            : String.format(Locale.ROOT, "mobilenetv2_%.2f_%d", alpha, rows);
    // Without ImageNet weights any size Keras accepts builds: no weights file is named.
    RemoteFile spec = o.imagenet() ? weightSpec(alpha, rows, o.includeTop()) : null;
    return Builds.finish(o, input, x, name, spec);
  }

  /**
   * The ImageNet weights file Keras loads for this width, input size and top (Keras publishes no
   * hash for these files).
   */
  public static RemoteFile weightSpec(double alpha, int rows, boolean includeTop) {
    if (!isImagenetAlpha(alpha) || !contains(IMAGENET_SIZES, rows)) {
      throw new IllegalArgumentException(
          MODEL
              + ": ImageNet weights exist for alpha in 0.35, 0.5, 0.75, 1.0, 1.3, 1.4 and sizes 96,"
              + " 128, 160, 192, 224; got alpha="
              + alpha
              + ", rows="
              + rows);
    }
    // Python's str(float(alpha)): 0.35, 0.5, 1.0, ...
    String file =
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_"
            + Double.toString(alpha)
            + "_"
            + rows
            + (includeTop ? ".h5" : "_no_top.h5");
    return RemoteFile.model(file, BASE_URL + file, null);
  }

  /** Scales pixels from {@code [0, 255]} to {@code [-1, 1]} (Keras's mode "tf"). */
  public static Tensor preprocessInput(Tensor x) {
    return Preprocessing.preprocessInput(x, PreprocessMode.TF);
  }

  private static KerasTensor invertedResidual(
      KerasTensor inputs, int filters, double alpha, int stride, int expansion, int blockId) {
    int inChannels = inputs.shape()[3];
    int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
    KerasTensor x = inputs;
    String prefix = "block_" + blockId + "_";
    if (blockId != 0) {
      x =
          new Conv2D(
                  Conv2D.filters(expansion * inChannels, 1)
                      .padding("same")
                      .useBias(false)
                      .name(prefix + "expand"))
              .apply(x);
      x = batchNorm(prefix + "expand_BN", x);
      x = relu6(prefix + "expand_relu", x);
    } else {
      prefix = "expanded_conv_";
    }
    if (stride == 2) {
      x = new ZeroPadding2D(Builds.correctPad(x, 3), prefix + "pad").apply(x);
    }
    x =
        new DepthwiseConv2D(
                DepthwiseConv2D.kernelSize(3)
                    .strides(stride)
                    .useBias(false)
                    .padding(stride == 1 ? "same" : "valid")
                    .name(prefix + "depthwise"))
            .apply(x);
    x = batchNorm(prefix + "depthwise_BN", x);
    x = relu6(prefix + "depthwise_relu", x);
    x =
        new Conv2D(
                Conv2D.filters(pointwiseFilters, 1)
                    .padding("same")
                    .useBias(false)
                    .name(prefix + "project"))
            .apply(x);
    x = batchNorm(prefix + "project_BN", x);
    if (inChannels == pointwiseFilters && stride == 1) {
      return Builds.add(prefix + "add", inputs, x);
    }
    return x;
  }

  private static KerasTensor batchNorm(String name, KerasTensor x) {
    return new BatchNormalization(
            BatchNormalization.defaults().epsilon(1e-3f).momentum(0.999f).name(name))
        .apply(x);
  }

  private static KerasTensor relu6(String name, KerasTensor x) {
    return new ReLU(ReLU.options().maxValue(6f).name(name)).apply(x);
  }

  /** Keras's {@code _make_divisible}: the multiple of {@code divisor} nearest to {@code v}. */
  static int makeDivisible(double v, int divisor) {
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    return rounded < 0.9 * v ? rounded + divisor : rounded;
  }

  private static boolean imagenetSize(int rows, int cols) {
    return rows == cols && contains(IMAGENET_SIZES, rows);
  }

  private static boolean isImagenetAlpha(double alpha) {
    for (double a : IMAGENET_ALPHAS) {
      if (a == alpha) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
