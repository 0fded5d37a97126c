package dev.graft.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.graft.autodiff.GradientTape;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the tape's gradients of {@code L = sum(f(xs) * r)} (r random) with central finite
 * differences. Inputs must stay at least {@code 2h} away from the kinks of piecewise-linear layers.
 */
public final class GradCheck {
  private static final float H = 1e-2f;

  private GradCheck() {}

  /** Checks a single-input layer called in the given mode. */
  public static void layer(Layer layer, Tensor x, boolean training) {
    inputs(xs -> layer.apply(xs.get(0), training), List.of(x));
  }

  /** Checks a multi-input layer called in inference mode. */
  public static void multi(Layer layer, List<Tensor> xs) {
    inputs(in -> layer.apply(in, false).get(0), xs);
  }

  /** Checks {@code f} with respect to every tensor of {@code xs}. */
  public static void inputs(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
    Tensor r = new Rng(11).uniform(-1, 1, f.apply(xs).shape().dims());
    List<Tensor> grads;
    try (GradientTape tape = GradientTape.open()) {
      tape.watch(xs.toArray(new Tensor[0]));
      Tensor loss = Ops.sum(Ops.mul(f.apply(xs), r));
      grads = tape.gradient(loss, xs);
    }
    for (int k = 0; k < xs.size(); k++) {
      Tensor g = grads.get(k);
      assertNotNull(g, "no gradient reached input " + k);
      float[] base = xs.get(k).toFloatArray();
      float[] got = g.toFloatArray();
      for (int i = 0; i < base.length; i++) {
        double up = loss(f, xs, k, base, i, H, r);
        double down = loss(f, xs, k, base, i, -H, r);
        double expected = (up - down) / (2 * H);
        assertEquals(
            expected, got[i], 2e-3 * Math.max(1, Math.abs(expected)), "d/dx" + k + "[" + i + "]");
      }
    }
  }

  private static double loss(
      Function<List<Tensor>, Tensor> f,
      List<Tensor> xs,
      int k,
      float[] base,
      int i,
      float h,
      Tensor r) {
    float[] moved = base.clone();
    moved[i] += h;
    List<Tensor> in = new ArrayList<>(xs);
    in.set(k, Tensor.of(moved, xs.get(k).shape().dims()));
    float[] y = f.apply(in).toFloatArray();
    float[] rr = r.toFloatArray();
    double s = 0;
    for (int j = 0; j < y.length; j++) {
      s += (double) y[j] * rr[j];
    }
    return s;
  }

  /** Values {@code start, start + step, ...} in the given shape. */
  public static Tensor ramp(float start, float step, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + step * i;
    }
    return Tensor.of(v, shape);
  }
}
