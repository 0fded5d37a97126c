package dev.graft.applications;

import dev.graft.tensor.Tensor;

/**
 * Keras's {@code imagenet_utils.preprocess_input} for channels-last images with pixel values in
 * {@code [0, 255]}: a batch {@code (n, h, w, 3)} or one image {@code (h, w, 3)} (mode {@link
 * PreprocessMode#TF} takes any shape). Returns a new tensor; the input is left as it is. Arithmetic
 * is float32, in Keras's order.
 */
public final class Preprocessing {
  /** ImageNet's mean pixel in BGR order, as Keras's "caffe" mode subtracts it. */
  static final float[] CAFFE_MEAN_BGR = {103.939f, 116.779f, 123.68f};

  /** ImageNet's mean and deviation per RGB channel of {@code [0, 1]} pixels ("torch" mode). */
  static final float[] TORCH_MEAN_RGB = {0.485f, 0.456f, 0.406f};

  static final float[] TORCH_STD_RGB = {0.229f, 0.224f, 0.225f};

  private Preprocessing() {}

  /** The pixels of {@code x} prepared for a model of the given family. */
  public static Tensor preprocessInput(Tensor x, PreprocessMode mode) {
    int[] dims = x.shape().dims();
    float[] v = x.toFloatArray();
    switch (mode) {
      case IDENTITY:
        return Tensor.of(v, dims);
      case TF:
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] / 127.5f - 1f;
        }
        return Tensor.of(v, dims);
      case CAFFE:
        requireRgb(dims, mode);
        for (int i = 0; i < v.length; i += 3) {
          float r = v[i];
          v[i] = v[i + 2] - CAFFE_MEAN_BGR[0];
          v[i + 1] = v[i + 1] - CAFFE_MEAN_BGR[1];
          v[i + 2] = r - CAFFE_MEAN_BGR[2];
        }
        return Tensor.of(v, dims);
      case TORCH:
        requireRgb(dims, mode);
        for (int i = 0; i < v.length; i++) {
          int c = i % 3;
          v[i] = (v[i] / 255f - TORCH_MEAN_RGB[c]) / TORCH_STD_RGB[c];
        }
        return Tensor.of(v, dims);
      default:
        throw new IllegalArgumentException("preprocessInput: unknown mode " + mode);
    }
  }

  private static void requireRgb(int[] dims, PreprocessMode mode) {
    if ((dims.length != 3 && dims.length != 4) || dims[dims.length - 1] != 3) {
      throw new IllegalArgumentException(
          "preprocessInput (mode "
              + mode
              + "): expects channels-last RGB images (h, w, 3) or (n, h, w, 3), got shape "
              + java.util.Arrays.toString(dims));
    }
  }
}
