package dev.graft.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.autodiff.Variable;
import dev.graft.optimizers.schedules.ExponentialDecay;
import dev.graft.optimizers.schedules.LearningRateSchedule;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer over several steps against a double-precision transcription of Keras 3's update
 * formulas ({@link Reference}), on two variables of awkward sizes.
 */
class OptimizerReferenceTest {
  private static final int STEPS = 6;

  /** Keras's formulas, in double, one state map per variable. */
  interface Reference {
    /** Updates {@code w} in place from {@code g} (already clipped) at step {@code t} (from 1). */
    void step(int var, double[] w, double[] g, double lr, long t);
  }

  /** Per-variable state of the references: named slot arrays. */
  static final class Slots {
    private final java.util.Map<String, double[]> map = new java.util.HashMap<>();

    double[] get(int var, String name, int n, double init) {
      return map.computeIfAbsent(
          var + "/" + name,
          k -> {
            double[] a = new double[n];
            Arrays.fill(a, init);
            return a;
          });
    }
  }

  static Reference sgd(double momentum, boolean nesterov) {
    Slots s = new Slots();
    return (var, w, g, lr, t) -> {
      if (momentum == 0) {
        for (int i = 0; i < w.length; i++) {
          w[i] -= lr * g[i];
        }
        return;
      }
      double[] m = s.get(var, "m", w.length, 0);
      for (int i = 0; i < w.length; i++) {
        m[i] = momentum * m[i] - lr * g[i];
        w[i] += nesterov ? momentum * m[i] - lr * g[i] : m[i];
      }
    };
  }

  static Reference adam(double b1, double b2, double eps, boolean amsgrad) {
    Slots s = new Slots();
    return (var, w, g, lr, t) -> {
      double[] m = s.get(var, "m", w.length, 0);
      double[] v = s.get(var, "v", w.length, 0);
      double[] vh = s.get(var, "vh", w.length, 0);
      double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < w.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        vh[i] = Math.max(vh[i], v[i]);
        w[i] -= alpha * m[i] / (Math.sqrt(amsgrad ? vh[i] : v[i]) + eps);
      }
    };
  }

  static Reference rmsprop(double rho, double momentum, double eps, boolean centered) {
    Slots s = new Slots();
    return (var, w, g, lr, t) -> {
      double[] v = s.get(var, "v", w.length, 0);
      double[] a = s.get(var, "a", w.length, 0);
      double[] m = s.get(var, "m", w.length, 0);
      for (int i = 0; i < w.length; i++) {
        v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
        a[i] = rho * a[i] + (1 - rho) * g[i];
        double den = centered ? v[i] - a[i] * a[i] + eps : v[i] + eps;
        double inc = lr * g[i] / Math.sqrt(den);
        m[i] = momentum * m[i] + inc;
        w[i] -= momentum > 0 ? m[i] : inc;
      }
    };
  }

  static Reference adagrad(double init, double eps) {
    Slots s = new Slots();
    return (var, w, g, lr, t) -> {
      double[] acc = s.get(var, "acc", w.length, init);
      for (int i = 0; i < w.length; i++) {
        acc[i] += g[i] * g[i];
        w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
      }
    };
  }

  /**
   * A reference with weight decay {@code w -= w * wd * lr} applied first, as Keras's base class.
   */
  static Reference decayed(double wd, Reference inner) {
    return (var, w, g, lr, t) -> {
      for (int i = 0; i < w.length; i++) {
        w[i] -= w[i] * wd * lr;
      }
      inner.step(var, w, g, lr, t);
    };
  }

  enum Clip {
    NONE,
    NORM,
    GLOBAL,
    VALUE
  }

  record Case(
      String label,
      Supplier<Optimizer> optimizer,
      Supplier<Reference> reference,
      LearningRateSchedule lr,
      Clip clip,
      double clipValue) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Arguments> cases() {
    LearningRateSchedule c = s -> 0.05f;
    LearningRateSchedule decay = new ExponentialDecay(0.05f, 2, 0.5f, false);
    List<Case> cs = new ArrayList<>();
    cs.add(new Case("sgd", () -> new Sgd(0.05f), () -> sgd(0, false), c, Clip.NONE, 0));
    cs.add(
        new Case(
            "sgd momentum",
            () -> Sgd.builder().learningRate(0.05f).momentum(0.9f).build(),
            () -> sgd(0.9f, false),
            c,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "sgd nesterov, decaying lr",
            () -> Sgd.builder().learningRate(decay).momentum(0.8f).nesterov(true).build(),
            () -> sgd(0.8f, true),
            decay,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "adam", () -> new Adam(0.05f), () -> adam(0.9f, 0.999f, 1e-7, false), c, Clip.NONE, 0));
    cs.add(
        new Case(
            "adam amsgrad betas",
            () -> Adam.builder().learningRate(0.05f).beta1(0.8f).beta2(0.95f).amsgrad(true).build(),
            () -> adam(0.8f, 0.95f, 1e-7, true),
            c,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "adam clipnorm",
            () -> Adam.builder().learningRate(0.05f).clipnorm(0.5f).build(),
            () -> adam(0.9f, 0.999f, 1e-7, false),
            c,
            Clip.NORM,
            0.5f));
    cs.add(
        new Case(
            "adamw default decay, decaying lr",
            () -> AdamW.builder().learningRate(decay).build(),
            () -> decayed(0.004f, adam(0.9f, 0.999f, 1e-7, false)),
            decay,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "adamw amsgrad global clipnorm",
            () ->
                AdamW.builder()
                    .learningRate(0.05f)
                    .weightDecay(0.1f)
                    .amsgrad(true)
                    .globalClipnorm(0.7f)
                    .build(),
            () -> decayed(0.1f, adam(0.9f, 0.999f, 1e-7, true)),
            c,
            Clip.GLOBAL,
            0.7f));
    cs.add(
        new Case(
            "rmsprop",
            () -> new RmsProp(0.05f),
            () -> rmsprop(0.9f, 0, 1e-7, false),
            c,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "rmsprop centered momentum",
            () ->
                RmsProp.builder()
                    .learningRate(0.05f)
                    .rho(0.8f)
                    .momentum(0.5f)
                    .centered(true)
                    .build(),
            () -> rmsprop(0.8f, 0.5f, 1e-7, true),
            c,
            Clip.NONE,
            0));
    cs.add(
        new Case(
            "rmsprop clipvalue",
            () -> RmsProp.builder().learningRate(0.05f).momentum(0.3f).clipvalue(0.4f).build(),
            () -> rmsprop(0.9f, 0.3f, 1e-7, false),
            c,
            Clip.VALUE,
            0.4f));
    cs.add(
        new Case("adagrad", () -> new Adagrad(0.05f), () -> adagrad(0.1f, 1e-7), c, Clip.NONE, 0));
    cs.add(
        new Case(
            "adagrad options, sgd-style weight decay",
            () ->
                Adagrad.builder()
                    .learningRate(0.05f)
                    .initialAccumulatorValue(0.5f)
                    .epsilon(1e-3f)
                    .weightDecay(0.2f)
                    .build(),
            () -> decayed(0.2f, adagrad(0.5f, 1e-3f)),
            c,
            Clip.NONE,
            0));
    return cs.stream().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesKerasFormulasOverSeveralSteps(Case c) {
    Random rnd = new Random(42);
    int[][] shapes = {{3, 5}, {7}};
    List<Variable> vars = new ArrayList<>();
    double[][] ref = new double[shapes.length][];
    for (int k = 0; k < shapes.length; k++) {
      float[] init = random(rnd, size(shapes[k]), 1f);
      vars.add(new Variable("v" + k, Tensor.of(init, shapes[k])));
      ref[k] = toDouble(init);
    }
    Optimizer opt = c.optimizer().get();
    Reference r = c.reference().get();
    for (int t = 1; t <= STEPS; t++) {
      List<Tensor> grads = new ArrayList<>();
      double[][] g = new double[shapes.length][];
      for (int k = 0; k < shapes.length; k++) {
        // Gradients of different scales, some large enough to be clipped.
        float[] gk = random(rnd, size(shapes[k]), k == 0 ? 2f : 0.1f);
        grads.add(Tensor.of(gk, shapes[k]));
        g[k] = toDouble(gk);
      }
      clip(c.clip(), c.clipValue(), g);
      double lr = c.lr().apply(t - 1);
      assertEquals((float) lr, opt.learningRate(), 1e-9, "learning rate before step " + t);
      opt.applyGradients(grads, vars);
      for (int k = 0; k < shapes.length; k++) {
        r.step(k, ref[k], g[k], lr, t);
        float[] got = vars.get(k).toFloatArray();
        for (int i = 0; i < got.length; i++) {
          assertEquals(
              ref[k][i], got[i], 2e-6 * Math.max(1, Math.abs(ref[k][i])), c + " step " + t);
        }
      }
      assertEquals(t, opt.iterations());
    }
  }

  private static void clip(Clip clip, double c, double[][] g) {
    switch (clip) {
      case NORM:
        for (double[] gk : g) {
          double n = Math.sqrt(Arrays.stream(gk).map(x -> x * x).sum());
          scale(gk, c / Math.max(n, c));
        }
        break;
      case GLOBAL:
        double sq = 0;
        for (double[] gk : g) {
          sq += Arrays.stream(gk).map(x -> x * x).sum();
        }
        double n = Math.sqrt(sq);
        for (double[] gk : g) {
          scale(gk, c / Math.max(n, c));
        }
        break;
      case VALUE:
        for (double[] gk : g) {
          for (int i = 0; i < gk.length; i++) {
            gk[i] = Math.max(-c, Math.min(c, gk[i]));
          }
        }
        break;
      case NONE:
        break;
    }
  }

  @Test
  void nullGradientsAreSkippedAndLeaveNoState() {
    Variable a = new Variable("a", Tensor.vector(1f, 2f));
    Variable b = new Variable("b", Tensor.vector(3f, 4f));
    Adam opt = new Adam(0.1f);
    opt.applyGradients(Arrays.asList(null, Tensor.vector(1f, -1f)), List.of(a, b));
    opt.applyGradients(Arrays.asList(null, Tensor.vector(1f, -1f)), List.of(a, b));
    assertTrue(a.allClose(Tensor.vector(1f, 2f), 0f));
    assertEquals(2, opt.iterations());
    assertEquals(2, opt.variables().size(), "only b's momentum and velocity");
    // a joins later: its slots start fresh, and Adam's bias correction uses the global step.
    opt.applyGradients(List.of(Tensor.vector(1f, 1f), Tensor.vector(1f, -1f)), List.of(a, b));
    assertEquals(4, opt.variables().size());
    double alpha = 0.1 * Math.sqrt(1 - Math.pow(0.999, 3)) / (1 - Math.pow(0.9, 3));
    double expected = 1 - alpha * 0.1 / (Math.sqrt(0.001) + 1e-7);
    assertEquals(expected, a.toFloatArray()[0], 1e-6);
  }

  @Test
  void slotsAreKeyedByVariableIdentityNotName() {
    Variable a = new Variable("same", Tensor.vector(0f));
    Variable b = new Variable("same", Tensor.vector(0f));
    Sgd opt = Sgd.builder().learningRate(1f).momentum(0.5f).build();
    opt.applyGradients(List.of(Tensor.vector(1f)), List.of(a));
    opt.applyGradients(List.of(Tensor.vector(1f)), List.of(b));
    assertEquals(-1f, b.toFloatArray()[0], "b's momentum starts at zero");
    opt.applyGradients(List.of(Tensor.vector(1f)), List.of(a));
    assertEquals(-2.5f, a.toFloatArray()[0], "a keeps its own momentum");
  }

  @Test
  void excludedVariablesAreNotDecayed() {
    Variable kernel = new Variable("dense/kernel", Tensor.vector(1f));
    Variable bias = new Variable("dense/bias", Tensor.vector(1f));
    Variable other = new Variable("other", Tensor.vector(1f));
    Sgd opt = Sgd.builder().learningRate(0.1f).weightDecay(0.5f).build();
    opt.excludeFromWeightDecay(List.of(other), List.of("bias"));
    Tensor zero = Tensor.vector(0f);
    opt.applyGradients(List.of(zero, zero, zero), List.of(kernel, bias, other));
    assertEquals(0.95f, kernel.toFloatArray()[0], 1e-7f);
    assertEquals(1f, bias.toFloatArray()[0]);
    assertEquals(1f, other.toFloatArray()[0]);
  }

  @Test
  void misuseIsReportedWithTheFix() {
    Variable a = new Variable("a", Tensor.vector(1f, 2f));
    Sgd opt = new Sgd(0.1f);
    IllegalArgumentException allNull =
        assertThrows(
            IllegalArgumentException.class,
            () -> opt.applyGradients(Arrays.asList((Tensor) null), List.of(a)));
    assertTrue(allNull.getMessage().contains("no gradient"), allNull.getMessage());
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> opt.applyGradients(List.of(Tensor.vector(1f)), List.of(a)));
    assertTrue(shape.getMessage().contains("'a'"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> opt.applyGradients(List.of(), List.of(a)));
    assertThrows(
        IllegalArgumentException.class, () -> Sgd.builder().clipnorm(1f).clipvalue(1f).build());
    assertEquals(0, opt.iterations());
  }

  private static float[] random(Random rnd, int n, float scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (rnd.nextGaussian() * scale);
    }
    return out;
  }

  private static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static void scale(double[] a, double s) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= s;
    }
  }
}
