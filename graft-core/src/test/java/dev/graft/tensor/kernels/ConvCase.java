package dev.graft.tensor.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A test shape: geometry built with TensorFlow's same/valid rule, plus seeded random data. */
record ConvCase(ConvGeometry g, boolean same) {

  static ConvCase of(
      int batch,
      int h,
      int w,
      int c,
      int kh,
      int kw,
      int outC,
      int sh,
      int sw,
      int dh,
      int dw,
      boolean same) {
    ConvGeometry.Axis ah = ConvGeometry.resolve(h, kh, sh, dh, same);
    ConvGeometry.Axis aw = ConvGeometry.resolve(w, kw, sw, dw, same);
    return new ConvCase(
        new ConvGeometry(
            batch,
            h,
            w,
            c,
            kh,
            kw,
            ah.out(),
            aw.out(),
            outC,
            sh,
            sw,
            dh,
            dw,
            ah.padBefore(),
            aw.padBefore()),
        same);
  }

  /** Hand-picked awkward shapes, then seeded random ones drawn from the same value lists. */
  static List<ConvCase> all() {
    List<ConvCase> cases = new ArrayList<>();
    cases.add(of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, true));
    cases.add(of(3, 5, 7, 3, 1, 1, 17, 1, 1, 1, 1, false));
    cases.add(of(1, 8, 8, 17, 1, 1, 5, 2, 2, 1, 1, true));
    cases.add(of(3, 7, 5, 3, 3, 3, 4, 1, 1, 1, 1, true));
    cases.add(of(1, 13, 13, 33, 3, 3, 17, 2, 2, 1, 1, true));
    cases.add(of(3, 8, 13, 17, 3, 3, 3, 1, 1, 2, 2, true));
    cases.add(of(1, 13, 8, 3, 5, 5, 2, 3, 3, 1, 1, false));
    cases.add(of(3, 5, 5, 1, 2, 2, 1, 1, 1, 1, 1, true));
    cases.add(of(1, 7, 13, 33, 1, 3, 17, 1, 2, 1, 1, true));
    cases.add(of(3, 13, 7, 17, 3, 3, 33, 2, 1, 1, 2, false));
    cases.add(of(1, 5, 5, 3, 5, 5, 3, 1, 1, 1, 1, true));
    cases.add(of(1, 1, 5, 17, 1, 3, 3, 1, 1, 1, 1, true));
    cases.add(of(3, 8, 8, 33, 2, 2, 17, 2, 2, 1, 1, false));
    cases.add(of(1, 8, 7, 17, 3, 3, 5, 3, 2, 2, 1, true));
    cases.add(of(1, 5, 5, 3, 5, 5, 2, 1, 1, 2, 2, false)); // window larger than input: empty output
    cases.add(of(3, 13, 13, 17, 3, 3, 17, 3, 3, 1, 1, false));
    cases.add(of(1, 13, 13, 3, 5, 5, 4, 2, 3, 2, 1, true));
    cases.add(of(3, 32, 32, 33, 3, 3, 8, 1, 1, 1, 1, true)); // several im2col tiles
    int[] batches = {1, 3};
    int[] sizes = {1, 5, 7, 8, 13};
    int[] channels = {1, 3, 17, 33};
    int[][] kernels = {{1, 1}, {2, 2}, {3, 3}, {1, 3}, {5, 5}};
    int[] strides = {1, 2, 3};
    Random r = new Random(42);
    for (int i = 0; i < 24; i++) {
      int[] k = kernels[r.nextInt(kernels.length)];
      cases.add(
          of(
              batches[r.nextInt(2)],
              sizes[r.nextInt(sizes.length)],
              sizes[r.nextInt(sizes.length)],
              channels[r.nextInt(channels.length)],
              k[0],
              k[1],
              channels[r.nextInt(channels.length)],
              strides[r.nextInt(3)],
              strides[r.nextInt(3)],
              1 + r.nextInt(2),
              1 + r.nextInt(2),
              r.nextBoolean()));
    }
    return cases;
  }

  /** The same shape with {@code outC = inC * multiplier}, for depthwise conv and pooling. */
  ConvCase withOutC(int outC) {
    return new ConvCase(
        new ConvGeometry(
            g.batch(),
            g.inH(),
            g.inW(),
            g.inC(),
            g.kH(),
            g.kW(),
            g.outH(),
            g.outW(),
            outC,
            g.strideH(),
            g.strideW(),
            g.dilationH(),
            g.dilationW(),
            g.padTop(),
            g.padLeft()),
        same);
  }

  static float[] random(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() * 2 - 1;
    }
    return a;
  }

  @Override
  public String toString() {
    return String.format(
        "b%d %dx%dx%d k%dx%d ->%dx%dx%d s%d,%d d%d,%d %s",
        g.batch(),
        g.inH(),
        g.inW(),
        g.inC(),
        g.kH(),
        g.kW(),
        g.outH(),
        g.outW(),
        g.outC(),
        g.strideH(),
        g.strideW(),
        g.dilationH(),
        g.dilationW(),
        same ? "same" : "valid");
  }
}
