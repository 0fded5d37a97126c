package dev.graft.cli.train;

import dev.graft.applications.PreprocessMode;
import dev.graft.cli.model.Objectives;
import dev.graft.layers.Layer;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.preprocessing.Normalization;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.optimizers.Adam;
import dev.graft.optimizers.Optimizer;
import dev.graft.tensor.Tensor;
import java.util.List;

/**
 * The Keras transfer-learning guide's model around a base: {@code Input -> augmentation ->
 * preprocessing -> base(training=false) -> GlobalAveragePooling2D -> Dropout(0.2) -> Dense}, with
 * logits out: {@code Dense(1)} and binary cross-entropy for two classes, {@code Dense(n)} and
 * sparse categorical cross-entropy otherwise.
 */
final class TransferModel {
  /** The ImageNet mean pixel in BGR order, as Keras's "caffe" preprocessing subtracts it. */
  private static final float[] CAFFE_MEAN_BGR = {103.939f, 116.779f, 123.68f};

  private static final float[] TORCH_MEAN_RGB = {0.485f, 0.456f, 0.406f};
  private static final float[] TORCH_STD_RGB = {0.229f, 0.224f, 0.225f};

  private TransferModel() {}

  /**
   * The model around {@code base}; the base is called with {@code training=false} so that its
   * BatchNormalization layers stay in inference mode also after unfreezing, as the guide says.
   */
  static Model around(
      Model base, int[] imageShape, List<Layer> augmentation, PreprocessMode mode, int classes) {
    KerasTensor in = Input.of(imageShape);
    KerasTensor x = in;
    for (Layer layer : augmentation) {
      x = layer.apply(x);
    }
    x = preprocessing(x, mode);
    x = base.apply(x, false);
    x = new GlobalAveragePooling2D().apply(x);
    x = new Dropout(0.2f).apply(x);
    x = new Dense(classes == 2 ? 1 : classes).apply(x);
    return new Model(in, x, "transfer_model");
  }

  /**
   * The base family's {@code preprocess_input} as layers in the model, so the saved model takes raw
   * {@code [0, 255]} pixels; null mode: {@code x / 255} (a base from a file).
   */
  private static KerasTensor preprocessing(KerasTensor x, PreprocessMode mode) {
    if (mode == null) {
      return new Rescaling(1f / 255f).apply(x);
    }
    switch (mode) {
      case TF:
        return new Rescaling(1f / 127.5f, -1f).apply(x);
      case TORCH:
        {
          // (x / 255 - mean) / std == (x - 255 mean) / (255 std).
          float[] mean = new float[3];
          float[] variance = new float[3];
          for (int c = 0; c < 3; c++) {
            mean[c] = 255f * TORCH_MEAN_RGB[c];
            variance[c] = (255f * TORCH_STD_RGB[c]) * (255f * TORCH_STD_RGB[c]);
          }
          return new Normalization(mean, variance, false, "torch_preprocessing").apply(x);
        }
      case CAFFE:
        {
          // RGB to BGR and minus the mean pixel: a fixed, frozen Dense on the channel axis.
          Dense caffe = new Dense(Dense.units(3).name("caffe_preprocessing"));
          KerasTensor y = caffe.apply(x);
          float[] swap = {0, 0, 1, 0, 1, 0, 1, 0, 0};
          float[] bias = new float[3];
          for (int c = 0; c < 3; c++) {
            bias[c] = -CAFFE_MEAN_BGR[c];
          }
          caffe.setWeights(List.of(Tensor.of(swap, 3, 3), Tensor.of(bias, 3)));
          caffe.setTrainable(false);
          return y;
        }
      case IDENTITY:
      default:
        return x;
    }
  }

  /** Compiles {@code model} with Adam at {@code learningRate} and the loss for its classes. */
  static void compile(Model model, int classes, double learningRate) {
    compile(model, classes, new Adam((float) learningRate));
  }

  /** Compiles {@code model} with {@code optimizer} (and its state) and the loss for its classes. */
  static void compile(Model model, int classes, Optimizer optimizer) {
    model.compile(optimizer, Objectives.loss(classes), Objectives.accuracy(classes));
  }
}
