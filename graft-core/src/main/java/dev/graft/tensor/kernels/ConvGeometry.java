package dev.graft.tensor.kernels;

/**
 * Everything a 2-D convolution or pooling kernel needs to know about its shapes, resolved by the op
 * layer: NHWC input {@code (batch, inH, inW, inC)}, a {@code kH x kW} window, output {@code (batch,
 * outH, outW, outC)}, strides, dilations and the top/left padding (TensorFlow puts any extra "same"
 * padding at the bottom/right, which follows from {@code outH}/{@code outW}).
 *
 * <p>For conv2d {@code outC} is the number of filters; for depthwise conv it is {@code inC *
 * depthMultiplier}; for pooling it equals {@code inC}.
 */
public record ConvGeometry(
    int batch,
    int inH,
    int inW,
    int inC,
    int kH,
    int kW,
    int outH,
    int outW,
    int outC,
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    int padTop,
    int padLeft) {

  /** The output size and leading padding along one axis, TensorFlow's rule. */
  public record Axis(int out, int padBefore) {}

  /**
   * Resolves one spatial axis. {@code same}: {@code out = ceil(in / stride)}, total padding {@code
   * max((out - 1) * stride + effectiveKernel - in, 0)}, of which {@code total / 2} goes before.
   * {@code valid}: {@code out = ceil((in - effectiveKernel + 1) / stride)}, no padding.
   */
  public static Axis resolve(int in, int kernel, int stride, int dilation, boolean same) {
    int effective = (kernel - 1) * dilation + 1;
    if (same) {
      int out = (in + stride - 1) / stride;
      int total = Math.max((out - 1) * stride + effective - in, 0);
      return new Axis(out, total / 2);
    }
    int out = in >= effective ? (in - effective) / stride + 1 : 0;
    return new Axis(out, 0);
  }

  public int inputSize() {
    return batch * inH * inW * inC;
  }

  public int outputSize() {
    return batch * outH * outW * outC;
  }
}
