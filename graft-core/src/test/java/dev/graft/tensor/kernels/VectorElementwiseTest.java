package dev.graft.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector-API elementwise kernels equal the scalar ones on awkward lengths (Lucene's
 * TestVectorUtilSupport is the model): every function, every stride pattern, with offsets.
 */
class VectorElementwiseTest {
  private static final int[] SIZES = {
    1, 2, 3, 4, 6, 13, 15, 16, 17, 31, 32, 33, 64, 100, 255, 1027, 4098
  };
  private static Elementwise vector;
  private static final Elementwise SCALAR = new ScalarElementwise();

  @BeforeAll
  static void needsVectorModule() {
    assumeTrue(KernelProvider.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
    vector = KernelProvider.vector().elementwise();
  }

  private static float[] random(Random r, int n, float lo, float hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * r.nextFloat();
    }
    return v;
  }

  @Test
  void binaryMatchesScalarForEveryFunctionAndStridePattern() {
    Random r = new Random(1);
    int[][] stridePatterns = {{1, 1}, {1, 0}, {0, 1}, {0, 0}, {2, 1}, {1, 3}};
    for (BinaryFn f : BinaryFn.values()) {
      for (int n : SIZES) {
        for (int[] s : stridePatterns) {
          int offA = r.nextInt(3);
          int offB = r.nextInt(3);
          float[] a = random(r, offA + n * Math.max(1, s[0]) + 1, 0.5f, 2f);
          float[] b = random(r, offB + n * Math.max(1, s[1]) + 1, 0.5f, 2f);
          // Make some comparisons tie.
          if (s[0] == 1 && s[1] == 1) {
            for (int i = 0; i < n; i += 3) {
              b[offB + i] = a[offA + i];
            }
          }
          float[] expected = new float[n + 2];
          float[] actual = new float[n + 2];
          SCALAR.binary(f, a, offA, s[0], b, offB, s[1], expected, 1, n);
          vector.binary(f, a, offA, s[0], b, offB, s[1], actual, 1, n);
          for (int i = 0; i < n + 2; i++) {
            assertEquals(
                expected[i], actual[i], 1e-6f * Math.abs(expected[i]), f + " n=" + n + " i=" + i);
          }
        }
      }
    }
  }

  @Test
  void unaryAndItsGradientMatchScalar() {
    Random r = new Random(2);
    float[][] params = {{0, 0}, {6f, 0}, {0.3f, 0}, {-0.5f, 0.7f}};
    for (UnaryFn f : UnaryFn.values()) {
      boolean positiveOnly =
          f == UnaryFn.LOG || f == UnaryFn.SQRT || f == UnaryFn.RSQRT || f == UnaryFn.POW_SCALAR;
      for (int n : SIZES) {
        for (float[] pq : params) {
          float p = f == UnaryFn.RELU && pq[0] <= 0 ? Float.POSITIVE_INFINITY : pq[0];
          float[] x = random(r, n + 3, positiveOnly ? 0.1f : -4f, 4f);
          float[] expected = new float[n + 1];
          float[] actual = new float[n + 1];
          SCALAR.unary(f, p, pq[1], x, 2, expected, 1, n);
          vector.unary(f, p, pq[1], x, 2, actual, 1, n);
          for (int i = 0; i < n + 1; i++) {
            assertClose(expected[i], actual[i], f + " n=" + n + " p=" + p);
          }
          float[] xs = java.util.Arrays.copyOfRange(x, 0, n);
          float[] y = new float[n];
          SCALAR.unary(f, p, pq[1], xs, 0, y, 0, n);
          float[] g = random(r, n, -1, 1);
          float[] dxExpected = new float[n];
          float[] dxActual = new float[n];
          SCALAR.unaryGrad(f, p, pq[1], xs, y, g, dxExpected, n);
          vector.unaryGrad(f, p, pq[1], xs, y, g, dxActual, n);
          for (int i = 0; i < n; i++) {
            assertClose(dxExpected[i], dxActual[i], f + "' n=" + n + " p=" + p);
          }
        }
      }
    }
  }

  /**
   * The same sum before and after the JIT compiles the kernel: {@code reduceLanes(ADD)} added lanes
   * in another order once compiled, and seeded training runs differed from one run to the next.
   */
  @Test
  void sumsStayBitIdenticalOnceCompiled() {
    Random r = new Random(4);
    int rows = 4;
    int len = 37;
    float[] x = new float[rows * len];
    for (int i = 0; i < x.length; i++) {
      // Magnitudes from 1e-3 to 1e3: the order of the additions shows in the rounding.
      x[i] = (r.nextBoolean() ? 1 : -1) * (float) Math.pow(10, r.nextInt(7) - 3) * r.nextFloat();
    }
    float[] first = new float[rows];
    vector.reduceRows(ReduceFn.SUM, x, 0, rows, len, first, 0);
    float[] again = new float[rows];
    for (int call = 1; call <= 30_000; call++) {
      vector.reduceRows(ReduceFn.SUM, x, 0, rows, len, again, 0);
      for (int row = 0; row < rows; row++) {
        if (Float.floatToIntBits(again[row]) != Float.floatToIntBits(first[row])) {
          assertEquals(first[row], again[row], 0f, "row " + row + " on call " + call);
        }
      }
    }
  }

  private static void assertClose(float expected, float actual, String what) {
    if (Float.isNaN(expected)) {
      assertEquals(true, Float.isNaN(actual), what + ": expected NaN, got " + actual);
      return;
    }
    assertEquals(expected, actual, 1e-6f * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void reduceRowsMatchesScalarWithSizeScaledTolerance() {
    Random r = new Random(3);
    for (ReduceFn f : ReduceFn.values()) {
      for (int len : SIZES) {
        int rows = 3;
        float[] x = random(r, 5 + rows * len, -1, 1);
        float[] expected = new float[rows + 1];
        float[] actual = new float[rows + 1];
        SCALAR.reduceRows(f, x, 5, rows, len, expected, 1);
        vector.reduceRows(f, x, 5, rows, len, actual, 1);
        for (int i = 0; i < rows + 1; i++) {
          // Summation order differs; the error bound grows with the length.
          float tol = f == ReduceFn.SUM ? 1e-6f * len : 0f;
          assertEquals(expected[i], actual[i], tol, f + " len=" + len);
        }
      }
    }
  }
}
