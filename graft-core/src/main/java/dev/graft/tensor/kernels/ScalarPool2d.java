package dev.graft.tensor.kernels;

import java.util.Arrays;

/**
 * Plain-loop pooling, the reference for the vector kernel. A window that holds no input at all
 * (TensorFlow's padding rules never make one) gives 0.
 */
public final class ScalarPool2d implements Pool2dKernel {
  @Override
  public void maxForward(ConvGeometry g, float[] x, float[] y) {
    int c = g.inC();
    PoolWindows.forEach(
        g,
        (b, oh, ow, yi, taps, count) -> {
          if (count == 0) {
            Arrays.fill(y, yi, yi + c, 0f);
            return;
          }
          System.arraycopy(x, taps[0], y, yi, c);
          for (int t = 1; t < count; t++) {
            for (int j = 0; j < c; j++) {
              float v = x[taps[t] + j];
              if (v > y[yi + j]) {
                y[yi + j] = v;
              }
            }
          }
        });
  }

  @Override
  public void maxBackward(ConvGeometry g, float[] x, float[] dy, float[] dx) {
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    int c = g.inC();
    PoolWindows.forEach(
        g,
        (b, oh, ow, yi, taps, count) -> {
          for (int j = 0; j < c; j++) {
            int best = -1;
            for (int t = 0; t < count; t++) {
              if (best < 0 || x[taps[t] + j] > x[best]) {
                best = taps[t] + j;
              }
            }
            if (best >= 0) {
              dx[best] += dy[yi + j];
            }
          }
        });
  }

  @Override
  public void avgForward(ConvGeometry g, float[] x, float[] y) {
    int c = g.inC();
    PoolWindows.forEach(
        g,
        (b, oh, ow, yi, taps, count) -> {
          Arrays.fill(y, yi, yi + c, 0f);
          for (int t = 0; t < count; t++) {
            for (int j = 0; j < c; j++) {
              y[yi + j] += x[taps[t] + j];
            }
          }
          if (count > 0) {
            float inv = 1f / count;
            for (int j = 0; j < c; j++) {
              y[yi + j] *= inv;
            }
          }
        });
  }

  @Override
  public void avgBackward(ConvGeometry g, float[] dy, float[] dx) {
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    int c = g.inC();
    PoolWindows.forEach(
        g,
        (b, oh, ow, yi, taps, count) -> {
          if (count == 0) {
            return;
          }
          float inv = 1f / count;
          for (int t = 0; t < count; t++) {
            for (int j = 0; j < c; j++) {
              dx[taps[t] + j] += dy[yi + j] * inv;
            }
          }
        });
  }
}
