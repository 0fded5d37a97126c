package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Surefire runs the suite twice: with {@code --add-modules jdk.incubator.vector}
 * (graft.test.expectVector=true) and without it. This checks each run got the kernels it should.
 */
class KernelProviderTest {
  private static String expectation() {
    return System.getProperty("graft.test.expectVector");
  }

  @Test
  void picksVectorKernelsWhenTheModuleIsEnabled() {
    assumeTrue("true".equals(expectation()), "only in the run with the vector module");
    assertEquals(true, KernelProvider.vectorModulePresent());
    assertEquals("vector", KernelProvider.get().name());
  }

  @Test
  void fallsBackToScalarKernelsWithoutTheModule() {
    assumeTrue("false".equals(expectation()), "only in the run without the vector module");
    assertEquals(false, KernelProvider.vectorModulePresent());
    assertEquals("scalar", KernelProvider.get().name());
    IllegalStateException e = assertThrows(IllegalStateException.class, KernelProvider::vector);
    assertEquals(
        true,
        e.getMessage().contains("--add-modules jdk.incubator.vector"),
        "the error must say how to enable the Vector API: " + e.getMessage());
  }

  @Test
  void geometryFollowsTensorFlowPaddingRule() {
    // same: out = ceil(in / stride); the odd extra padding goes at the end.
    assertEquals(new ConvGeometry.Axis(4, 0), ConvGeometry.resolve(7, 2, 2, 1, true));
    assertEquals(new ConvGeometry.Axis(4, 1), ConvGeometry.resolve(7, 3, 2, 1, true));
    assertEquals(new ConvGeometry.Axis(5, 1), ConvGeometry.resolve(5, 4, 1, 1, true));
    assertEquals(new ConvGeometry.Axis(5, 2), ConvGeometry.resolve(5, 3, 1, 2, true));
    // valid: out = floor((in - effective) / stride) + 1.
    assertEquals(new ConvGeometry.Axis(3, 0), ConvGeometry.resolve(7, 3, 2, 1, false));
    assertEquals(new ConvGeometry.Axis(1, 0), ConvGeometry.resolve(5, 3, 1, 2, false));
    assertEquals(new ConvGeometry.Axis(0, 0), ConvGeometry.resolve(2, 3, 1, 1, false));
  }
}
