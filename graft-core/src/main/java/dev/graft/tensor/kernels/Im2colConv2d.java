package dev.graft.tensor.kernels;

import java.util.Arrays;

/**
 * Dense conv2d as GEMM, shared by both kernel sets. The patch matrix has one row per output pixel
 * and columns ordered {@code (kh, kw, c)}, which matches the Keras kernel {@code (kH, kW, inC,
 * outC)} seen as a {@code K x outC} matrix, {@code K = kH * kW * inC}.
 *
 * <p>A 1x1 convolution with stride 1 and no padding is a single GEMM on the input itself. Otherwise
 * patches are built in tiles of at most {@link #TILE_FLOATS} floats per thread, so memory stays
 * bounded whatever the batch size. Tiles are spread over {@link Parallel} and each thread calls the
 * GEMM on its own tile (nested, hence single-threaded); the direct 1x1 GEMM runs at top level so
 * the GEMM may split it itself.
 */
public final class Im2colConv2d implements Conv2dKernel {
  /** Patch floats per tile: 1 MB, about one core's L2, a few MB over all threads. */
  static final int TILE_FLOATS = 1 << 18;

  private final Gemm gemm;
  private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

  public Im2colConv2d(Gemm gemm) {
    this.gemm = gemm;
  }

  @Override
  public void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
    int m = g.batch() * g.outH() * g.outW();
    int k = patchCols(g);
    int n = g.outC();
    if (isPointwise(g)) {
      gemm.gemm(m, n, k, x, 0, k, 1, w, 0, n, 1, y, 0, n, false);
      return;
    }
    Tiling t = Tiling.of(m, k, true);
    Parallel.forRange(
        t.count,
        1,
        (s, e) -> {
          float[] cols = buffer(t.size * k);
          for (int i = s; i < e; i++) {
            int p0 = t.start(i);
            int rows = t.end(i) - p0;
            im2col(g, x, p0, rows, cols);
            gemm.gemm(rows, n, k, cols, 0, k, 1, w, 0, n, 1, y, p0 * n, n, false);
          }
        });
  }

  @Override
  public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
    int m = g.batch() * g.outH() * g.outW();
    int k = patchCols(g);
    int n = g.outC();
    if (isPointwise(g)) {
      // dx = dy . w^T; w^T is w read with swapped strides.
      gemm.gemm(m, k, n, dy, 0, n, 1, w, 0, 1, n, dx, 0, k, false);
      return;
    }
    Arrays.fill(dx, 0, g.inputSize(), 0f);
    // col2im scatters into overlapping windows, so threads own whole images.
    int perImage = g.outH() * g.outW();
    Tiling t = Tiling.of(perImage, k, false);
    Parallel.forRange(
        g.batch(),
        1,
        (s, e) -> {
          float[] cols = buffer(t.size * k);
          for (int b = s; b < e; b++) {
            for (int i = 0; i < t.count; i++) {
              int p0 = b * perImage + t.start(i);
              int rows = t.end(i) - t.start(i);
              gemm.gemm(rows, k, n, dy, p0 * n, n, 1, w, 0, 1, n, cols, 0, k, false);
              col2im(g, cols, p0, rows, dx);
            }
          }
        });
  }

  @Override
  public void backwardFilter(ConvGeometry g, float[] x, float[] dy, float[] dw) {
    int m = g.batch() * g.outH() * g.outW();
    int k = patchCols(g);
    int n = g.outC();
    if (isPointwise(g)) {
      // dw = x^T . dy
      gemm.gemm(k, n, m, x, 0, 1, k, dy, 0, n, 1, dw, 0, n, false);
      return;
    }
    Tiling t = Tiling.of(m, k, true);
    // One partial sum per chunk, added in chunk order: the result depends only on the thread count.
    int chunks = Math.max(1, Math.min(Parallel.threads(), t.count));
    float[][] partial = new float[chunks][];
    Parallel.forRange(
        chunks,
        1,
        (s, e) -> {
          float[] cols = buffer(t.size * k);
          for (int c = s; c < e; c++) {
            float[] acc = c == 0 ? dw : new float[k * n];
            int first = (int) ((long) t.count * c / chunks);
            int last = (int) ((long) t.count * (c + 1) / chunks);
            if (first == last) {
              Arrays.fill(acc, 0, k * n, 0f);
            }
            for (int i = first; i < last; i++) {
              int p0 = t.start(i);
              int rows = t.end(i) - p0;
              im2col(g, x, p0, rows, cols);
              gemm.gemm(k, n, rows, cols, 0, 1, k, dy, p0 * n, n, 1, acc, 0, n, i > first);
            }
            partial[c] = acc;
          }
        });
    for (int c = 1; c < chunks; c++) {
      float[] p = partial[c];
      for (int i = 0; i < k * n; i++) {
        dw[i] += p[i];
      }
    }
  }

  private static int patchCols(ConvGeometry g) {
    return g.kH() * g.kW() * g.inC();
  }

  private static boolean isPointwise(ConvGeometry g) {
    return g.kH() == 1
        && g.kW() == 1
        && g.strideH() == 1
        && g.strideW() == 1
        && g.padTop() == 0
        && g.padLeft() == 0
        && g.outH() == g.inH()
        && g.outW() == g.inW();
  }

  private float[] buffer(int size) {
    float[] b = scratch.get();
    if (b.length < size) {
      b = new float[size];
      scratch.set(b);
    }
    return b;
  }

  /** Writes patch rows {@code [p0, p0 + rows)} (flat output pixels) into {@code cols}. */
  static void im2col(ConvGeometry g, float[] x, int p0, int rows, float[] cols) {
    int c = g.inC();
    int kwc = g.kW() * c;
    int k = g.kH() * kwc;
    boolean denseRow = g.dilationW() == 1;
    for (int r = 0; r < rows; r++) {
      int p = p0 + r;
      int ow = p % g.outW();
      int oh = (p / g.outW()) % g.outH();
      int b = p / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      int dst = r * k;
      for (int kh = 0; kh < g.kH(); kh++, dst += kwc) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        if (ih < 0 || ih >= g.inH()) {
          Arrays.fill(cols, dst, dst + kwc, 0f);
          continue;
        }
        int rowBase = (b * g.inH() + ih) * g.inW();
        if (denseRow && iw0 >= 0 && iw0 + g.kW() <= g.inW()) {
          System.arraycopy(x, (rowBase + iw0) * c, cols, dst, kwc);
          continue;
        }
        for (int kw = 0; kw < g.kW(); kw++) {
          int iw = iw0 + kw * g.dilationW();
          int d = dst + kw * c;
          if (iw < 0 || iw >= g.inW()) {
            Arrays.fill(cols, d, d + c, 0f);
          } else {
            System.arraycopy(x, (rowBase + iw) * c, cols, d, c);
          }
        }
      }
    }
  }

  /** Adds patch rows {@code [p0, p0 + rows)} back onto the input positions they came from. */
  static void col2im(ConvGeometry g, float[] cols, int p0, int rows, float[] dx) {
    int c = g.inC();
    int k = g.kH() * g.kW() * c;
    for (int r = 0; r < rows; r++) {
      int p = p0 + r;
      int ow = p % g.outW();
      int oh = (p / g.outW()) % g.outH();
      int b = p / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        if (ih < 0 || ih >= g.inH()) {
          continue;
        }
        int rowBase = (b * g.inH() + ih) * g.inW();
        for (int kw = 0; kw < g.kW(); kw++) {
          int iw = iw0 + kw * g.dilationW();
          if (iw < 0 || iw >= g.inW()) {
            continue;
          }
          int src = r * k + (kh * g.kW() + kw) * c;
          int dst = (rowBase + iw) * c;
          for (int j = 0; j < c; j++) {
            dx[dst + j] += cols[src + j];
          }
        }
      }
    }
  }

  /** Equal tiles of patch rows over {@code [0, m)}: no more than a tile budget each. */
  private static final class Tiling {
    final int m;
    final int count;
    final int size;

    private Tiling(int m, int count) {
      this.m = m;
      this.count = count;
      this.size = count == 0 ? 0 : (m + count - 1) / count;
    }

    /** Enough tiles for the budget; with {@code balance}, a multiple of the thread count. */
    static Tiling of(int m, int k, boolean balance) {
      if (m == 0) {
        return new Tiling(0, 0);
      }
      int maxRows = Math.max(1, TILE_FLOATS / Math.max(1, k));
      int count = (m + maxRows - 1) / maxRows;
      int threads = Parallel.threads();
      if (balance && m >= threads * 64) {
        count = (count + threads - 1) / threads * threads;
      }
      return new Tiling(m, count);
    }

    int start(int i) {
      return (int) ((long) m * i / count);
    }

    int end(int i) {
      return (int) ((long) m * (i + 1) / count);
    }
  }
}
