package dev.graft.tensor;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.kernels.BinaryFn;
import dev.graft.tensor.kernels.ReduceFn;
import dev.graft.tensor.kernels.UnaryFn;

/**
 * The op facade. Every op validates its arguments (errors name the op and the shapes), returns a
 * new tensor, and is recorded by any open {@link GradientTape} that tracks an input. Primitives
 * have one gradient rule each (in {@code ElementwiseOps}, {@code ReduceOps}, {@code MovementOps},
 * {@code MatmulOp}, {@code ConvOps}, {@code ChannelAffineOp}); the rest are compositions of
 * primitives, differentiated through them.
 *
 * <p>Axes may be negative (counted from the end). Integer-valued tensors (indices, labels) are
 * float32 tensors holding whole numbers.
 */
public final class Ops {
  private Ops() {}

  // ---- binary, with NumPy broadcasting ----

  public static Tensor add(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.ADD, a, b);
  }

  public static Tensor sub(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.SUB, a, b);
  }

  public static Tensor mul(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.MUL, a, b);
  }

  public static Tensor div(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.DIV, a, b);
  }

  /** {@code a ^ b} elementwise. */
  public static Tensor pow(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.POW, a, b);
  }

  public static Tensor maximum(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.MAX, a, b);
  }

  public static Tensor minimum(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.MIN, a, b);
  }

  // ---- comparisons: 1 where true, 0 where false; no gradient ----

  public static Tensor equal(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.EQUAL, a, b);
  }

  public static Tensor notEqual(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.NOT_EQUAL, a, b);
  }

  public static Tensor less(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.LESS, a, b);
  }

  public static Tensor lessEqual(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.LESS_EQUAL, a, b);
  }

  public static Tensor greater(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.GREATER, a, b);
  }

  public static Tensor greaterEqual(Tensor a, Tensor b) {
    return ElementwiseOps.binary(BinaryFn.GREATER_EQUAL, a, b);
  }

  /** {@code condition != 0 ? a : b}, all three broadcast together. */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    return ElementwiseOps.where(condition, a, b);
  }

  // ---- unary ----

  public static Tensor neg(Tensor x) {
    return unary(UnaryFn.NEG, x);
  }

  public static Tensor abs(Tensor x) {
    return unary(UnaryFn.ABS, x);
  }

  public static Tensor exp(Tensor x) {
    return unary(UnaryFn.EXP, x);
  }

  public static Tensor log(Tensor x) {
    return unary(UnaryFn.LOG, x);
  }

  public static Tensor log1p(Tensor x) {
    return unary(UnaryFn.LOG1P, x);
  }

  public static Tensor sqrt(Tensor x) {
    return unary(UnaryFn.SQRT, x);
  }

  public static Tensor rsqrt(Tensor x) {
    return unary(UnaryFn.RSQRT, x);
  }

  public static Tensor square(Tensor x) {
    return unary(UnaryFn.SQUARE, x);
  }

  /** {@code x ^ exponent} elementwise. */
  public static Tensor pow(Tensor x, float exponent) {
    return ElementwiseOps.unary(UnaryFn.POW_SCALAR, exponent, 0, x);
  }

  public static Tensor tanh(Tensor x) {
    return unary(UnaryFn.TANH, x);
  }

  public static Tensor sigmoid(Tensor x) {
    return unary(UnaryFn.SIGMOID, x);
  }

  public static Tensor softplus(Tensor x) {
    return unary(UnaryFn.SOFTPLUS, x);
  }

  public static Tensor relu(Tensor x) {
    return relu(x, Float.POSITIVE_INFINITY);
  }

  /** {@code min(max(x, 0), maxValue)}, Keras's {@code ReLU(max_value=...)}. */
  public static Tensor relu(Tensor x, float maxValue) {
    if (!(maxValue > 0)) {
      throw new IllegalArgumentException("relu: maxValue must be positive, got " + maxValue);
    }
    return ElementwiseOps.unary(UnaryFn.RELU, maxValue, 0, x);
  }

  public static Tensor relu6(Tensor x) {
    return relu(x, 6f);
  }

  public static Tensor leakyRelu(Tensor x, float alpha) {
    return ElementwiseOps.unary(UnaryFn.LEAKY_RELU, alpha, 0, x);
  }

  public static Tensor elu(Tensor x, float alpha) {
    return ElementwiseOps.unary(UnaryFn.ELU, alpha, 0, x);
  }

  /** Exact GELU (Keras's default, {@code approximate=False}). */
  public static Tensor gelu(Tensor x) {
    return unary(UnaryFn.GELU, x);
  }

  /** {@code x * sigmoid(x)} (SiLU). */
  public static Tensor swish(Tensor x) {
    return unary(UnaryFn.SWISH, x);
  }

  /** Clamps to {@code [min, max]}; the gradient passes only inside the range. */
  public static Tensor clip(Tensor x, float min, float max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("clip: min " + min + " must not exceed max " + max);
    }
    return ElementwiseOps.unary(UnaryFn.CLIP, min, max, x);
  }

  private static Tensor unary(UnaryFn f, Tensor x) {
    return ElementwiseOps.unary(f, 0, 0, x);
  }

  /** The same values, never recorded: gradients do not flow through it. */
  public static Tensor stopGradient(Tensor x) {
    return Tensor.view(x, x.offset, x.shape, x.strides);
  }

  /**
   * {@code x * scale + shift} per channel along {@code axis}: {@code scale} and {@code shift} are
   * 1-D with one value per entry of that axis. A fused primitive (batch normalization's last step):
   * its gradient saves {@code x} only when {@code scale} needs a gradient, and sums the scale and
   * shift gradients in double.
   */
  public static Tensor channelAffine(Tensor x, Tensor scale, Tensor shift, int axis) {
    return ChannelAffineOp.apply(x, scale, shift, axis);
  }

  /**
   * Batch normalization in training mode along the channel {@code axis}: {@code (x - mean) *
   * rsqrt(variance + epsilon) * gamma + beta} with this batch's population mean and variance over
   * every other axis. A fused primitive with a closed-form gradient; {@code gamma} and {@code beta}
   * are 1-D with one value per channel (pass ones and zeros for a layer without them).
   */
  public static BatchNormalized batchNormalization(
      Tensor x, Tensor gamma, Tensor beta, float epsilon, int axis) {
    return BatchNormOp.apply(x, gamma, beta, epsilon, axis);
  }

  // ---- reductions ----

  /** The sum of all elements, as a scalar. */
  public static Tensor sum(Tensor x) {
    return ReduceOps.reduce(ReduceFn.SUM, x, new int[0], false);
  }

  public static Tensor sum(Tensor x, boolean keepDims, int... axes) {
    return ReduceOps.reduce(ReduceFn.SUM, x, requireAxes("sum", axes), keepDims);
  }

  public static Tensor max(Tensor x, boolean keepDims, int... axes) {
    return ReduceOps.reduce(ReduceFn.MAX, x, requireAxes("max", axes), keepDims);
  }

  public static Tensor min(Tensor x, boolean keepDims, int... axes) {
    return ReduceOps.reduce(ReduceFn.MIN, x, requireAxes("min", axes), keepDims);
  }

  /** The mean of all elements, as a scalar. */
  public static Tensor mean(Tensor x) {
    return mul(sum(x), Tensor.scalar(1f / Math.max(1, x.size())));
  }

  public static Tensor mean(Tensor x, boolean keepDims, int... axes) {
    checkAxes("mean", x, axes);
    Tensor s = sum(x, keepDims, axes);
    int n = x.size() / Math.max(1, s.size());
    return mul(s, Tensor.scalar(1f / Math.max(1, n)));
  }

  /** The population variance ({@code ddof = 0}) over {@code axes}. */
  public static Tensor variance(Tensor x, boolean keepDims, int... axes) {
    checkAxes("variance", x, axes);
    Tensor centered = sub(x, mean(x, true, axes));
    return mean(square(centered), keepDims, axes);
  }

  /** {@code log(sum(exp(x)))} over {@code axes}, computed stably by subtracting the maximum. */
  public static Tensor logSumExp(Tensor x, boolean keepDims, int... axes) {
    checkAxes("logSumExp", x, axes);
    Tensor m = stopGradient(max(x, true, axes));
    // An all -inf slice would give inf - inf = NaN; shift by 0 there instead.
    Tensor finiteM = where(isFinite(m), m, Tensor.scalar(0));
    Tensor lse = add(log(sum(exp(sub(x, finiteM)), true, axes)), finiteM);
    return keepDims ? lse : squeeze(lse, x.rank(), axes);
  }

  /** Softmax along {@code axis}. */
  public static Tensor softmax(Tensor x, int axis) {
    checkAxes("softmax", x, axis);
    Tensor e = exp(sub(x, stopGradient(max(x, true, axis))));
    return div(e, sum(e, true, axis));
  }

  /** {@code log(softmax(x))} along {@code axis}, computed stably. */
  public static Tensor logSoftmax(Tensor x, int axis) {
    checkAxes("logSoftmax", x, axis);
    return sub(x, logSumExp(x, true, axis));
  }

  /** The index of the largest value along {@code axis} (first on ties), as whole-number floats. */
  public static Tensor argmax(Tensor x, int axis) {
    return ReduceOps.argmax(x, axis);
  }

  private static Tensor isFinite(Tensor t) {
    float[] v = t.toFloatArray();
    float[] o = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = Float.isFinite(v[i]) ? 1f : 0f;
    }
    return new Tensor(o, t.shape);
  }

  private static Tensor squeeze(Tensor keep, int rank, int[] axes) {
    boolean[] reduced = ReduceOps.reducedAxes("logSumExp", keep.shape, axes);
    int[] dims = new int[rank];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        dims[n++] = keep.shape.dim(i);
      }
    }
    return reshape(keep, java.util.Arrays.copyOf(dims, n));
  }

  /** Composite ops check their axes first, so that errors name them, not their parts. */
  private static void checkAxes(String op, Tensor x, int... axes) {
    for (int axis : axes) {
      x.shape.normalizeAxis(op, axis);
    }
  }

  private static int[] requireAxes(String op, int[] axes) {
    if (axes.length == 0) {
      throw new IllegalArgumentException(
          op + ": give at least one axis, or call " + op + "(x) to reduce over all axes");
    }
    return axes;
  }

  // ---- linear algebra ----

  /** Matrix product over the last two axes, broadcasting leading axes (NumPy's matmul). */
  public static Tensor matmul(Tensor a, Tensor b) {
    return MatmulOp.matmul(a, b);
  }

  // ---- shape and movement ----

  /** A tensor with the same values in a new shape; one dimension may be -1 (inferred). */
  public static Tensor reshape(Tensor x, int... shape) {
    return MovementOps.reshape(x, shape);
  }

  /** Permutes axes; with no permutation, reverses them. */
  public static Tensor transpose(Tensor x, int... perm) {
    return MovementOps.transpose(x, perm.clone());
  }

  public static Tensor broadcastTo(Tensor x, int... shape) {
    return MovementOps.broadcastTo(x, Shape.of(shape));
  }

  /** {@code x[begin : begin + size]} per axis; a size of -1 runs to the end of the axis. */
  public static Tensor slice(Tensor x, int[] begin, int[] size) {
    return MovementOps.slice(x, begin, size);
  }

  /** Pads with {@code paddings[axis] = {before, after}}. */
  public static Tensor pad(Tensor x, int[][] paddings, PadMode mode, float constant) {
    return MovementOps.pad(x, paddings, mode, constant);
  }

  /** Zero padding. */
  public static Tensor pad(Tensor x, int[][] paddings) {
    return pad(x, paddings, PadMode.CONSTANT, 0f);
  }

  public static Tensor concat(int axis, Tensor... tensors) {
    return MovementOps.concat(axis, tensors);
  }

  /** Stacks same-shaped tensors along a new axis. */
  public static Tensor stack(int axis, Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: needs at least one tensor");
    }
    Shape first = tensors[0].shape;
    int a = axis < 0 ? axis + first.rank() + 1 : axis;
    if (a < 0 || a > first.rank()) {
      throw new IllegalArgumentException(
          "stack: axis " + axis + " is out of range for shape " + first);
    }
    Tensor[] expanded = new Tensor[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      if (!tensors[i].shape.equals(first)) {
        throw new IllegalArgumentException(
            "stack: shapes " + first + " and " + tensors[i].shape + " differ; all must be equal");
      }
      int[] dims = new int[first.rank() + 1];
      for (int d = 0, s = 0; d < dims.length; d++) {
        dims[d] = d == a ? 1 : first.dim(s++);
      }
      expanded[i] = reshape(tensors[i], dims);
    }
    return concat(a, expanded);
  }

  /** Splits along {@code axis} into pieces of the given sizes (which must add up to the axis). */
  public static Tensor[] split(Tensor x, int axis, int... sizes) {
    int a = x.shape.normalizeAxis("split", axis);
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    if (total != x.shape.dim(a)) {
      throw new IllegalArgumentException(
          "split: sizes "
              + java.util.Arrays.toString(sizes)
              + " add up to "
              + total
              + ", not to axis "
              + axis
              + " of "
              + x.shape);
    }
    Tensor[] parts = new Tensor[sizes.length];
    int[] begin = new int[x.rank()];
    for (int i = 0; i < sizes.length; i++) {
      int[] size = x.shape.dims();
      size[a] = sizes[i];
      parts[i] = slice(x, begin.clone(), size);
      begin[a] += sizes[i];
    }
    return parts;
  }

  /** Entries of {@code x} along {@code axis} at whole-number {@code indices}. */
  public static Tensor gather(Tensor x, Tensor indices, int axis) {
    return MovementOps.gather(x, indices, axis);
  }

  /** One-hot encoding: a new last axis of length {@code depth}. */
  public static Tensor oneHot(Tensor indices, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("oneHot: depth must be positive, got " + depth);
    }
    return MovementOps.oneHot(indices, depth);
  }

  // ---- convolution and pooling (NHWC) ----

  /**
   * 2-D convolution of {@code x (batch, h, w, in)} with {@code kernel (kh, kw, in, out)}.
   *
   * @param strides {@code {strideH, strideW}}
   * @param dilation {@code {dilationH, dilationW}}
   */
  public static Tensor conv2d(
      Tensor x, Tensor kernel, int[] strides, Padding padding, int[] dilation) {
    return ConvOps.conv2d(x, kernel, strides, padding, dilation);
  }

  /** 2-D convolution without dilation. */
  public static Tensor conv2d(Tensor x, Tensor kernel, int[] strides, Padding padding) {
    return conv2d(x, kernel, strides, padding, new int[] {1, 1});
  }

  /** Depthwise convolution with {@code kernel (kh, kw, in, depthMultiplier)}. */
  public static Tensor depthwiseConv2d(
      Tensor x, Tensor kernel, int[] strides, Padding padding, int[] dilation) {
    return ConvOps.depthwiseConv2d(x, kernel, strides, padding, dilation);
  }

  public static Tensor maxPool2d(Tensor x, int[] poolSize, int[] strides, Padding padding) {
    return ConvOps.maxPool2d(x, poolSize, strides, padding);
  }

  /** Average pooling; padded positions are excluded from the average, as in TensorFlow. */
  public static Tensor avgPool2d(Tensor x, int[] poolSize, int[] strides, Padding padding) {
    return ConvOps.avgPool2d(x, poolSize, strides, padding);
  }

  /** Mean over the spatial axes of an NHWC tensor: {@code (b, h, w, c) -> (b, c)}. */
  public static Tensor globalAvgPool2d(Tensor x) {
    requireRank4("globalAvgPool2d", x);
    return mean(x, false, 1, 2);
  }

  /** Maximum over the spatial axes of an NHWC tensor: {@code (b, h, w, c) -> (b, c)}. */
  public static Tensor globalMaxPool2d(Tensor x) {
    requireRank4("globalMaxPool2d", x);
    return max(x, false, 1, 2);
  }

  private static void requireRank4(String op, Tensor x) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException(
          op + ": expected a rank-4 tensor (batch, height, width, channels), got shape " + x.shape);
    }
  }

  // ---- dropout ----

  /**
   * A dropout mask of the given shape: each element is 0 with probability {@code rate}, otherwise
   * {@code 1 / (1 - rate)} (inverted dropout, as Keras), so {@code mul(x, mask)} keeps the expected
   * value.
   */
  public static Tensor dropoutMask(Rng rng, float rate, int... shape) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropoutMask: rate must be in [0, 1), got " + rate);
    }
    Shape s = Shape.of(shape);
    float keep = 1f / (1f - rate);
    float[] m = new float[s.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = rng.nextDouble() < rate ? 0f : keep;
    }
    return new Tensor(m, s);
  }
}
