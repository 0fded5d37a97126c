package dev.graft.tensor.kernels.vector;

import jdk.incubator.vector.FloatVector;

/**
 * The sum of a vector's lanes in a fixed order. {@code reduceLanes(ADD)} may add in any order, and
 * does: the interpreter adds lane by lane, compiled code pairwise, so the same call gave different
 * roundings before and after the JIT reached it, and two runs of one seeded training differed.
 */
final class Lanes {
  private Lanes() {}

  /** {@code v[0] + v[1] + ...}, added left to right. */
  static float sum(FloatVector v) {
    float[] lanes = new float[v.length()];
    v.intoArray(lanes, 0);
    float s = 0f;
    for (float lane : lanes) {
      s += lane;
    }
    return s;
  }
}
