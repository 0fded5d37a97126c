package dev.graft.tensor.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel: an {@link #MR} x {@link #NR} tile of C from one packed A
 * micro-panel and one packed B micro-panel, with FMAs.
 *
 * <p>The tile's height follows the register file. With 512-bit vectors (AVX-512: 32 registers) a
 * tile is 10 rows: 20 accumulators plus two B vectors and one broadcast fit, while more make JDK
 * 17's C2 run out of registers. Narrower vectors come with 16 registers (AVX2, SSE): there a tile
 * is 6 rows, 12 accumulators; 10 rows spilled accumulators to the stack on every step and ran at a
 * seventh of the speed (measured on an AVX2 EPYC). Each tile is written out in one method, with no
 * helper taking a vector: C2 stops inlining in a method this large, and a vector passed to a call
 * that is not inlined is boxed on the heap, which made the kernel five times slower.
 */
final class GemmMicroKernel {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** Rows of a tile: the height of a packed A micro-panel (see the class comment). */
  static final int MR = S.vectorBitSize() >= 512 ? 10 : 6;

  /** Columns of a tile: two vectors, the width of a packed B micro-panel. */
  static final int NR = 2 * S.length();

  private GemmMicroKernel() {}

  /**
   * Computes a full tile {@code C[0..MR, 0..NR) (+)= A·B} over {@code kc} steps. A holds {@code MR}
   * floats per step from {@code aOff}, B holds {@code NR} per step from {@code bOff}. With {@code
   * add} the sums start from C, otherwise from zero; either way each element is summed in k order,
   * so its value does not depend on where the tile lies.
   */
  static void tile(
      int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {
    if (MR == 10) {
      tile10(kc, a, aOff, b, bOff, c, cOff, ldc, add);
    } else {
      tile6(kc, a, aOff, b, bOff, c, cOff, ldc, add);
    }
  }

  /** {@link #tile} for {@code MR == 10}; A holds 10 floats per step. */
  static void tile10(
      int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {
    int half = S.length();
    FloatVector c00,
        c01,
        c10,
        c11,
        c20,
        c21,
        c30,
        c31,
        c40,
        c41,
        c50,
        c51,
        c60,
        c61,
        c70,
        c71,
        c80,
        c81,
        c90,
        c91;
    if (add) {
      c00 = FloatVector.fromArray(S, c, cOff);
      c01 = FloatVector.fromArray(S, c, cOff + half);
      c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
      c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + half);
      c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + half);
      c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + half);
      c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + half);
      c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + half);
      c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
      c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + half);
      c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
      c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + half);
      c80 = FloatVector.fromArray(S, c, cOff + 8 * ldc);
      c81 = FloatVector.fromArray(S, c, cOff + 8 * ldc + half);
      c90 = FloatVector.fromArray(S, c, cOff + 9 * ldc);
      c91 = FloatVector.fromArray(S, c, cOff + 9 * ldc + half);
    } else {
      FloatVector z = FloatVector.zero(S);
      c00 = z;
      c01 = z;
      c10 = z;
      c11 = z;
      c20 = z;
      c21 = z;
      c30 = z;
      c31 = z;
      c40 = z;
      c41 = z;
      c50 = z;
      c51 = z;
      c60 = z;
      c61 = z;
      c70 = z;
      c71 = z;
      c80 = z;
      c81 = z;
      c90 = z;
      c91 = z;
    }
    for (int p = 0; p < kc; p++) {
      int ao = aOff + p * 10;
      int bo = bOff + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, b, bo);
      FloatVector b1 = FloatVector.fromArray(S, b, bo + half);
      FloatVector a0 = FloatVector.broadcast(S, a[ao + 0]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
      c70 = a7.fma(b0, c70);
      c71 = a7.fma(b1, c71);
      FloatVector a8 = FloatVector.broadcast(S, a[ao + 8]);
      c80 = a8.fma(b0, c80);
      c81 = a8.fma(b1, c81);
      FloatVector a9 = FloatVector.broadcast(S, a[ao + 9]);
      c90 = a9.fma(b0, c90);
      c91 = a9.fma(b1, c91);
    }
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + half);
    c10.intoArray(c, cOff + 1 * ldc);
    c11.intoArray(c, cOff + 1 * ldc + half);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + half);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + half);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + half);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + half);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + half);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + half);
    c80.intoArray(c, cOff + 8 * ldc);
    c81.intoArray(c, cOff + 8 * ldc + half);
    c90.intoArray(c, cOff + 9 * ldc);
    c91.intoArray(c, cOff + 9 * ldc + half);
  }

  /** {@link #tile} for {@code MR == 6}; A holds 6 floats per step. */
  static void tile6(
      int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean add) {
    int half = S.length();
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    if (add) {
      c00 = FloatVector.fromArray(S, c, cOff);
      c01 = FloatVector.fromArray(S, c, cOff + half);
      c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
      c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + half);
      c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + half);
      c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + half);
      c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
      c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + half);
      c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
      c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + half);
    } else {
      FloatVector z = FloatVector.zero(S);
      c00 = z;
      c01 = z;
      c10 = z;
      c11 = z;
      c20 = z;
      c21 = z;
      c30 = z;
      c31 = z;
      c40 = z;
      c41 = z;
      c50 = z;
      c51 = z;
    }
    for (int p = 0; p < kc; p++) {
      int ao = aOff + p * 6;
      int bo = bOff + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, b, bo);
      FloatVector b1 = FloatVector.fromArray(S, b, bo + half);
      FloatVector a0 = FloatVector.broadcast(S, a[ao + 0]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + half);
    c10.intoArray(c, cOff + 1 * ldc);
    c11.intoArray(c, cOff + 1 * ldc + half);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + half);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + half);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + half);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + half);
  }
}
