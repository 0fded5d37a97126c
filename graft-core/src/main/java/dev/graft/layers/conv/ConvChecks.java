package dev.graft.layers.conv;

import dev.graft.layers.Layer;
import dev.graft.layers.Size2D;
import dev.graft.tensor.Padding;
import dev.graft.tensor.Tensor;

/** Checks shared by the conv layers; each error names the layer and the shapes involved. */
final class ConvChecks {
  private ConvChecks() {}

  static void settings(String type, Size2D kernel, Size2D strides, Size2D dilation) {
    kernel.requirePositive(type, "kernel_size");
    strides.requirePositive(type, "strides");
    dilation.requirePositive(type, "dilation_rate");
    if (!strides.isOne() && !dilation.isOne()) {
      throw new IllegalArgumentException(
          type
              + ": strides > 1 are not supported together with dilation_rate > 1 (as in Keras);"
              + " got strides="
              + strides
              + " and dilation_rate="
              + dilation);
    }
  }

  static void positive(String type, String setting, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(type + ": " + setting + " must be positive, got " + value);
    }
  }

  /**
   * The channel count of a {@code (batch, h, w, channels)} input shape; rejects an unknown channel
   * axis and, with "valid" padding, an input smaller than the (dilated) window.
   */
  static int inputChannels(
      Layer layer, int[] shape, Size2D kernel, Size2D dilation, Padding padding) {
    int channels = shape[3];
    if (channels < 1) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + ") needs a known channel axis, got input shape "
              + Layer.formatShape(shape));
    }
    int effH = (kernel.height() - 1) * dilation.height() + 1;
    int effW = (kernel.width() - 1) * dilation.width() + 1;
    boolean tooSmall = (shape[1] > 0 && shape[1] < effH) || (shape[2] > 0 && shape[2] < effW);
    if (padding == Padding.VALID && tooSmall) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + "): input shape "
              + Layer.formatShape(shape)
              + " is smaller than the window ("
              + effH
              + ", "
              + effW
              + ") with padding \"valid\"; use padding \"same\" or a larger input");
    }
    return channels;
  }

  /** Rejects a call input whose rank or channel count differs from what the layer was built for. */
  static void callInput(Layer layer, Tensor x, int channels) {
    if (x.rank() != 4 || x.shape().dim(3) != channels) {
      throw new IllegalArgumentException(
          "layer '"
              + layer.name()
              + "' ("
              + layer.typeName()
              + ") was built for inputs of shape (None, height, width, "
              + channels
              + "), got shape "
              + Layer.formatShape(x.shape().dims()));
    }
  }
}
