package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.ConvKernel;
import dev.graft.tensor.kernels.KernelProvider;
import dev.graft.tensor.kernels.Kernels;

/**
 * Convolution and pooling primitives on NHWC tensors. They carry the FLOPs, so each has a fused
 * forward kernel and fused backward kernels rather than being composed from smaller ops.
 */
final class ConvOps {
  private ConvOps() {}

  static Tensor conv2d(Tensor x, Tensor w, int[] strides, Padding padding, int[] dilation) {
    checkKernel("conv2d", x, w, "(kernel_h, kernel_w, in_channels, filters)");
    ConvGeometry g =
        geometry(
            "conv2d",
            x,
            w.shape.dim(0),
            w.shape.dim(1),
            w.shape.dim(3),
            strides,
            padding,
            dilation);
    return convolve("conv2d", kernels().conv2d(), x, w, g);
  }

  static Tensor depthwiseConv2d(
      Tensor x, Tensor w, int[] strides, Padding padding, int[] dilation) {
    checkKernel("depthwiseConv2d", x, w, "(kernel_h, kernel_w, in_channels, depth_multiplier)");
    int outC = x.shape.dim(3) * w.shape.dim(3);
    ConvGeometry g =
        geometry(
            "depthwiseConv2d", x, w.shape.dim(0), w.shape.dim(1), outC, strides, padding, dilation);
    return convolve("depthwiseConv2d", kernels().depthwise(), x, w, g);
  }

  /** Runs a convolution kernel and records its fused backward kernels. */
  private static Tensor convolve(String op, ConvKernel kernel, Tensor x, Tensor w, ConvGeometry g) {
    float[] y = new float[g.outputSize()];
    kernel.forward(g, x.buffer(), w.buffer(), y);
    Tensor out = new Tensor(y, outShape(g));
    boolean needX = GradientTape.needsGradient(x);
    boolean needW = GradientTape.needsGradient(w);
    if (!needX && !needW) {
      return out;
    }
    // dx reads only the kernel, dw only the input: save each only when the other needs a gradient
    // (a frozen kernel saves no input, the first layer's input batch no kernel copy).
    float[] xs = needW ? x.valueForBackward().buffer() : null;
    float[] ws = needX ? w.valueForBackward().buffer() : null;
    Shape xShape = x.shape;
    Shape wShape = w.shape;
    GradientTape.record(
        op,
        out,
        new Tensor[] {x, w},
        dy -> {
          float[] dyd = dy.buffer();
          Tensor dx = null;
          Tensor dw = null;
          if (ws != null) {
            float[] d = new float[g.inputSize()];
            kernel.backwardInput(g, dyd, ws, d);
            dx = new Tensor(d, xShape);
          }
          if (xs != null) {
            float[] d = new float[wShape.size()];
            kernel.backwardFilter(g, xs, dyd, d);
            dw = new Tensor(d, wShape);
          }
          return new Tensor[] {dx, dw};
        });
    return out;
  }

  private static void checkKernel(String op, Tensor x, Tensor w, String kernelLayout) {
    checkRank(op, x, 4, "(batch, height, width, channels)");
    checkRank(op, w, 4, kernelLayout);
    if (w.shape.dim(2) != x.shape.dim(3)) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + x.shape
              + " has "
              + x.shape.dim(3)
              + " channels but kernel "
              + w.shape
              + " expects "
              + w.shape.dim(2));
    }
  }

  static Tensor maxPool2d(Tensor x, int[] pool, int[] strides, Padding padding) {
    checkRank("maxPool2d", x, 4, "(batch, height, width, channels)");
    ConvGeometry g =
        geometry(
            "maxPool2d", x, pool[0], pool[1], x.shape.dim(3), strides, padding, new int[] {1, 1});
    float[] y = new float[g.outputSize()];
    kernels().pool().maxForward(g, x.buffer(), y);
    Tensor out = new Tensor(y, outShape(g));
    if (!GradientTape.needsGradient(x)) {
      return out;
    }
    float[] xs = x.valueForBackward().buffer();
    Shape xShape = x.shape;
    GradientTape.record(
        "maxPool2d",
        out,
        new Tensor[] {x},
        dy -> {
          float[] dx = new float[g.inputSize()];
          kernels().pool().maxBackward(g, xs, dy.buffer(), dx);
          return new Tensor[] {new Tensor(dx, xShape)};
        });
    return out;
  }

  static Tensor avgPool2d(Tensor x, int[] pool, int[] strides, Padding padding) {
    checkRank("avgPool2d", x, 4, "(batch, height, width, channels)");
    ConvGeometry g =
        geometry(
            "avgPool2d", x, pool[0], pool[1], x.shape.dim(3), strides, padding, new int[] {1, 1});
    float[] y = new float[g.outputSize()];
    kernels().pool().avgForward(g, x.buffer(), y);
    Tensor out = new Tensor(y, outShape(g));
    Shape xShape = x.shape;
    GradientTape.record(
        "avgPool2d",
        out,
        new Tensor[] {x},
        dy -> {
          float[] dx = new float[g.inputSize()];
          kernels().pool().avgBackward(g, dy.buffer(), dx);
          return new Tensor[] {new Tensor(dx, xShape)};
        });
    return out;
  }

  private static Kernels kernels() {
    return KernelProvider.get();
  }

  private static Shape outShape(ConvGeometry g) {
    return Shape.of(g.batch(), g.outH(), g.outW(), g.outC());
  }

  private static void checkRank(String op, Tensor t, int rank, String layout) {
    if (t.rank() != rank) {
      throw new IllegalArgumentException(
          op + ": expected a rank-" + rank + " tensor " + layout + ", got shape " + t.shape);
    }
  }

  private static ConvGeometry geometry(
      String op,
      Tensor x,
      int kH,
      int kW,
      int outC,
      int[] strides,
      Padding padding,
      int[] dilation) {
    if (strides.length != 2
        || dilation.length != 2
        || strides[0] < 1
        || strides[1] < 1
        || dilation[0] < 1
        || dilation[1] < 1
        || kH < 1
        || kW < 1) {
      throw new IllegalArgumentException(
          op
              + ": window ("
              + kH
              + ", "
              + kW
              + "), strides "
              + java.util.Arrays.toString(strides)
              + " and dilation "
              + java.util.Arrays.toString(dilation)
              + " must be two positive integers each");
    }
    if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) {
      throw new IllegalArgumentException(
          op + ": strides > 1 together with dilation > 1 are not supported (as in Keras)");
    }
    boolean same = padding == Padding.SAME;
    ConvGeometry.Axis h = ConvGeometry.resolve(x.shape.dim(1), kH, strides[0], dilation[0], same);
    ConvGeometry.Axis w = ConvGeometry.resolve(x.shape.dim(2), kW, strides[1], dilation[1], same);
    if (h.out() == 0 || w.out() == 0) {
      throw new IllegalArgumentException(
          op
              + ": input "
              + x.shape
              + " is smaller than the window ("
              + kH
              + ", "
              + kW
              + ") with 'valid' padding; use Padding.SAME or a larger input");
    }
    return new ConvGeometry(
        x.shape.dim(0),
        x.shape.dim(1),
        x.shape.dim(2),
        x.shape.dim(3),
        kH,
        kW,
        h.out(),
        w.out(),
        outC,
        strides[0],
        strides[1],
        dilation[0],
        dilation[1],
        h.padBefore(),
        w.padBefore());
  }
}
