package dev.graft.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The facade's error messages name the op and the shapes involved. */
class OpErrorsTest {
  private static final Tensor X23 = Tensor.zeros(2, 3);

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  private static void assertMessage(String expectedPart, Executable e) {
    String m = message(e);
    assertTrue(
        m.contains(expectedPart), "message '" + m + "' should contain '" + expectedPart + "'");
  }

  private static void assertStartsWith(String prefix, Executable e) {
    String m = message(e);
    assertTrue(m.startsWith(prefix), "message '" + m + "' should start with '" + prefix + "'");
  }

  @Test
  void matmulShapeMismatch() {
    assertMessage(
        "matmul: cannot multiply (32, 2048) by (1024, 1)",
        () -> Ops.matmul(Tensor.zeros(32, 2048), Tensor.zeros(1024, 1)));
    assertMessage(
        "matmul: cannot multiply (3,) by (3, 2)",
        () -> Ops.matmul(Tensor.zeros(3), Tensor.zeros(3, 2)));
    assertMessage(
        "matmul: cannot multiply (2, 3, 4) by (5, 4, 2)",
        () -> Ops.matmul(Tensor.zeros(2, 3, 4), Tensor.zeros(5, 4, 2)));
  }

  @Test
  void broadcastFailuresNameTheOpAndBothShapes() {
    assertEquals(
        "add: shapes (2, 3) and (4,) cannot be broadcast together",
        message(() -> Ops.add(X23, Tensor.zeros(4))));
    assertMessage("mul: shapes (2, 3) and (3, 2)", () -> Ops.mul(X23, Tensor.zeros(3, 2)));
    assertMessage("less: shapes (2, 3) and (2,)", () -> Ops.less(X23, Tensor.zeros(2)));
    assertMessage(
        "where: shapes (2, 3) and (5,)", () -> Ops.where(X23, Tensor.zeros(5), Tensor.zeros(3)));
    assertMessage("broadcastTo: cannot broadcast (2, 3) to (3,)", () -> Ops.broadcastTo(X23, 3));
    assertMessage("broadcastTo: shapes (2, 3) and (4, 4)", () -> Ops.broadcastTo(X23, 4, 4));
  }

  @Test
  void badAxesNameTheOpTheAxisAndTheShape() {
    String tail = "axis 5 is out of range for shape (2, 3)";
    assertStartsWith("sum: " + tail, () -> Ops.sum(X23, false, 5));
    assertStartsWith("max: axis -3 is out of range for shape (2, 3)", () -> Ops.max(X23, true, -3));
    assertStartsWith("min: " + tail, () -> Ops.min(X23, true, 5));
    assertStartsWith("mean: " + tail, () -> Ops.mean(X23, true, 5));
    assertStartsWith("variance: " + tail, () -> Ops.variance(X23, true, 5));
    assertStartsWith("logSumExp: " + tail, () -> Ops.logSumExp(X23, true, 5));
    assertStartsWith("softmax: " + tail, () -> Ops.softmax(X23, 5));
    assertStartsWith("logSoftmax: " + tail, () -> Ops.logSoftmax(X23, 5));
    assertStartsWith("argmax: " + tail, () -> Ops.argmax(X23, 5));
    assertStartsWith("concat: " + tail, () -> Ops.concat(5, X23, X23));
    assertStartsWith("split: " + tail, () -> Ops.split(X23, 5, 1, 1));
    assertStartsWith("gather: " + tail, () -> Ops.gather(X23, Tensor.vector(0), 5));
    assertStartsWith("transpose: " + tail, () -> Ops.transpose(X23, 5, 0));
    assertStartsWith("stack: axis 4 is out of range for shape (2, 3)", () -> Ops.stack(4, X23));
    assertMessage("sum: axis -1 given twice for shape (2, 3)", () -> Ops.sum(X23, false, 1, -1));
    assertMessage("sum: give at least one axis", () -> Ops.sum(X23, false));
  }

  @Test
  void reshapeSizeMismatch() {
    assertEquals(
        "reshape: cannot reshape (2, 3) (6 values) into (4, 2)",
        message(() -> Ops.reshape(X23, 4, 2)));
    assertMessage(
        "reshape: cannot reshape (2, 3) (6 values) into (4, -1)", () -> Ops.reshape(X23, 4, -1));
    assertMessage("reshape: only one -1 allowed", () -> Ops.reshape(X23, -1, -1));
  }

  @Test
  void movementErrors() {
    assertMessage(
        "transpose: permutation [0] does not match shape (2, 3)", () -> Ops.transpose(X23, 0));
    assertMessage("transpose: [1, 1] is not a permutation", () -> Ops.transpose(X23, 1, 1));
    assertMessage(
        "slice: begin [1, 2] size [2, 1] is outside shape (2, 3)",
        () -> Ops.slice(X23, new int[] {1, 2}, new int[] {2, 1}));
    assertMessage(
        "slice: begin [0] and size [1] must each have one entry per axis of (2, 3)",
        () -> Ops.slice(X23, new int[] {0}, new int[] {1}));
    assertMessage(
        "pad: padding (3, 0) on axis 1 of (2, 3) is invalid for mode REFLECT; it must be at most 2",
        () -> Ops.pad(X23, new int[][] {{0, 0}, {3, 0}}, PadMode.REFLECT, 0));
    assertMessage(
        "pad: padding (0, 4) on axis 1 of (2, 3) is invalid for mode SYMMETRIC",
        () -> Ops.pad(X23, new int[][] {{0, 0}, {0, 4}}, PadMode.SYMMETRIC, 0));
    assertMessage(
        "pad: 1 (before, after) pairs given for shape (2, 3)",
        () -> Ops.pad(X23, new int[][] {{1, 1}}));
    assertMessage(
        "concat: shapes (2, 3) and (3, 3) differ outside axis 1",
        () -> Ops.concat(1, X23, Tensor.zeros(3, 3)));
    assertMessage(
        "stack: shapes (2, 3) and (3, 2) differ", () -> Ops.stack(0, X23, Tensor.zeros(3, 2)));
    assertMessage(
        "split: sizes [1, 1] add up to 2, not to axis 1 of (2, 3)", () -> Ops.split(X23, 1, 1, 1));
    assertMessage(
        "gather: index 3.0 is not an integer in [0, 3) for axis 1 of (2, 3)",
        () -> Ops.gather(X23, Tensor.vector(0, 3), 1));
    assertMessage(
        "gather: index 0.5 is not an integer", () -> Ops.gather(X23, Tensor.vector(0.5f), 1));
    assertMessage("oneHot: depth must be positive, got 0", () -> Ops.oneHot(Tensor.vector(1), 0));
  }

  @Test
  void argumentErrors() {
    assertMessage("relu: maxValue must be positive, got 0.0", () -> Ops.relu(X23, 0f));
    assertMessage("clip: min 2.0 must not exceed max 1.0", () -> Ops.clip(X23, 2f, 1f));
    assertMessage(
        "dropoutMask: rate must be in [0, 1), got 1.0", () -> Ops.dropoutMask(new Rng(1), 1f, 3));
    assertMessage(
        "Tensor.of: 5 values cannot fill shape (2, 3) of 6", () -> Tensor.of(new float[5], 2, 3));
  }

  @Test
  void convAndPoolValidationNamesTheOp() {
    // Validation runs before any kernel, so these pass whether or not the conv kernels exist.
    Tensor x = Tensor.zeros(1, 5, 5, 3);
    assertMessage(
        "conv2d: expected a rank-4 tensor (batch, height, width, channels), got shape (5, 5, 3)",
        () ->
            Ops.conv2d(
                Tensor.zeros(5, 5, 3), Tensor.zeros(3, 3, 3, 2), new int[] {1, 1}, Padding.VALID));
    assertMessage(
        "conv2d: input (1, 5, 5, 3) has 3 channels but kernel (3, 3, 4, 2) expects 4",
        () -> Ops.conv2d(x, Tensor.zeros(3, 3, 4, 2), new int[] {1, 1}, Padding.VALID));
    assertMessage(
        "conv2d: input (1, 5, 5, 3) is smaller than the window (7, 7)",
        () -> Ops.conv2d(x, Tensor.zeros(7, 7, 3, 2), new int[] {1, 1}, Padding.VALID));
    assertMessage(
        "depthwiseConv2d: input (1, 5, 5, 3) has 3 channels but kernel (3, 3, 2, 1) expects 2",
        () ->
            Ops.depthwiseConv2d(
                x, Tensor.zeros(3, 3, 2, 1), new int[] {1, 1}, Padding.SAME, new int[] {1, 1}));
    assertMessage(
        "maxPool2d: expected a rank-4 tensor",
        () -> Ops.maxPool2d(Tensor.zeros(5, 5), new int[] {2, 2}, new int[] {2, 2}, Padding.VALID));
    assertMessage(
        "avgPool2d: window (2, 2), strides [0, 1]",
        () -> Ops.avgPool2d(x, new int[] {2, 2}, new int[] {0, 1}, Padding.VALID));
    assertMessage(
        "globalAvgPool2d: expected a rank-4 tensor (batch, height, width, channels), got shape (2, 3)",
        () -> Ops.globalAvgPool2d(X23));
  }
}
