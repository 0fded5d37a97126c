package dev.graft.layers.reshaping;

/** The {@code {{top, bottom}, {left, right}}} amounts of ZeroPadding2D and Cropping2D. */
final class Margins {
  private Margins() {}

  static int[][] symmetric(int height, int width) {
    return new int[][] {{height, height}, {width, width}};
  }

  /** A validated copy of {@code {{top, bottom}, {left, right}}}. */
  static int[][] checked(String layer, String what, int[][] m) {
    boolean ok = m != null && m.length == 2;
    for (int i = 0; ok && i < 2; i++) {
      ok = m[i] != null && m[i].length == 2 && m[i][0] >= 0 && m[i][1] >= 0;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          layer
              + ": "
              + what
              + " must be {{top, bottom}, {left, right}} with non-negative values, got "
              + java.util.Arrays.deepToString(m));
    }
    return new int[][] {m[0].clone(), m[1].clone()};
  }

  static String format(int[][] m) {
    return "((" + m[0][0] + ", " + m[0][1] + "), (" + m[1][0] + ", " + m[1][1] + "))";
  }
}
