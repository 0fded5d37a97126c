package dev.graft.tensor.kernels.vector;

import dev.graft.tensor.kernels.ConvGeometry;
import dev.graft.tensor.kernels.Parallel;
import dev.graft.tensor.kernels.Pool2dKernel;
import dev.graft.tensor.kernels.PoolWindows;
import dev.graft.tensor.kernels.ScalarPool2d;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pooling vectorised along channels, with the scalar kernel's exact semantics (a later element wins
 * a max only if strictly greater). Forward passes thread over output rows and finish channels with
 * an overlapping block (fewer channels than one vector go to the scalar kernel); backward passes
 * scatter into overlapping windows, so threads own whole images and channels finish with a scalar
 * tail.
 */
final class VectorPool2d implements Pool2dKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private final ScalarPool2d scalar = new ScalarPool2d();

  @Override
  public void maxForward(ConvGeometry g, float[] x, float[] y) {
    if (g.inC() < L) {
      scalar.maxForward(g, x, y);
      return;
    }
    forwardRows(
        g,
        y,
        (yi, taps, count) -> {
          int ch = g.inC();
          for (int c0 = 0; c0 < ch; c0 += L) {
            int c = Math.min(c0, ch - L);
            FloatVector m = FloatVector.fromArray(S, x, taps[0] + c);
            for (int t = 1; t < count; t++) {
              FloatVector v = FloatVector.fromArray(S, x, taps[t] + c);
              m = m.blend(v, v.compare(VectorOperators.GT, m));
            }
            m.intoArray(y, yi + c);
          }
        });
  }

  @Override
  public void avgForward(ConvGeometry g, float[] x, float[] y) {
    if (g.inC() < L) {
      scalar.avgForward(g, x, y);
      return;
    }
    forwardRows(
        g,
        y,
        (yi, taps, count) -> {
          int ch = g.inC();
          FloatVector inv = FloatVector.broadcast(S, 1f / count);
          for (int c0 = 0; c0 < ch; c0 += L) {
            int c = Math.min(c0, ch - L);
            FloatVector s = FloatVector.fromArray(S, x, taps[0] + c);
            for (int t = 1; t < count; t++) {
              s = s.add(FloatVector.fromArray(S, x, taps[t] + c));
            }
            s.mul(inv).intoArray(y, yi + c);
          }
        });
  }

  @Override
  public void maxBackward(ConvGeometry g, float[] x, float[] dy, float[] dx) {
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    backwardImages(
        g,
        (yi, taps, count) -> {
          int ch = g.inC();
          int c = 0;
          for (; c < S.loopBound(ch); c += L) {
            FloatVector m = FloatVector.fromArray(S, x, taps[0] + c);
            for (int t = 1; t < count; t++) {
              FloatVector v = FloatVector.fromArray(S, x, taps[t] + c);
              m = m.blend(v, v.compare(VectorOperators.GT, m));
            }
            // The first tap equal to the max takes the gradient.
            FloatVector d = FloatVector.fromArray(S, dy, yi + c);
            VectorMask<Float> taken = S.maskAll(false);
            for (int t = 0; t < count; t++) {
              int i = taps[t] + c;
              VectorMask<Float> hit =
                  FloatVector.fromArray(S, x, i).compare(VectorOperators.EQ, m).andNot(taken);
              FloatVector.fromArray(S, dx, i).add(d, hit).intoArray(dx, i);
              taken = taken.or(hit);
            }
          }
          for (; c < ch; c++) {
            int best = taps[0] + c;
            for (int t = 1; t < count; t++) {
              if (x[taps[t] + c] > x[best]) {
                best = taps[t] + c;
              }
            }
            dx[best] += dy[yi + c];
          }
        });
  }

  @Override
  public void avgBackward(ConvGeometry g, float[] dy, float[] dx) {
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    backwardImages(
        g,
        (yi, taps, count) -> {
          int ch = g.inC();
          float inv = 1f / count;
          int c = 0;
          for (; c < S.loopBound(ch); c += L) {
            FloatVector d = FloatVector.fromArray(S, dy, yi + c).mul(inv);
            for (int t = 0; t < count; t++) {
              int i = taps[t] + c;
              FloatVector.fromArray(S, dx, i).add(d).intoArray(dx, i);
            }
          }
          for (; c < ch; c++) {
            float d = dy[yi + c] * inv;
            for (int t = 0; t < count; t++) {
              dx[taps[t] + c] += d;
            }
          }
        });
  }

  /** One window with at least one input: output offset and input offsets in scan order. */
  private interface Window {
    void run(int yi, int[] taps, int count);
  }

  private static void forwardRows(ConvGeometry g, float[] y, Window body) {
    Parallel.forRange(g.batch() * g.outH(), 1, (s, e) -> windows(g, s, e, body, y));
  }

  private static void backwardImages(ConvGeometry g, Window body) {
    int rowsPerImage = g.outH();
    Parallel.forRange(
        g.batch(), 1, (s, e) -> windows(g, s * rowsPerImage, e * rowsPerImage, body, null));
  }

  /**
   * Calls {@code body} for the windows of flat output rows {@code [row0, row1)} that hold some
   * input; the outputs of empty ones (if {@code y} is given) are set to 0, as the scalar kernel
   * does.
   */
  private static void windows(ConvGeometry g, int row0, int row1, Window body, float[] y) {
    PoolWindows.forRows(
        g,
        row0,
        row1,
        (b, oh, ow, yi, taps, count) -> {
          if (count > 0) {
            body.run(yi, taps, count);
          } else if (y != null) {
            Arrays.fill(y, yi, yi + g.outC(), 0f);
          }
        });
  }
}
