package dev.graft.losses;

import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.util.Arrays;

/**
 * A loss function, as Keras's {@code keras.losses.Loss}. {@link #call} computes the per-sample
 * losses ({@link #perSample}), multiplies them by the sample weights if given, and reduces them
 * with the loss's {@link Reduction} (by default the mean over the batch). Everything is built from
 * {@link Ops}, so a {@link dev.graft.autodiff.GradientTape} differentiates it.
 *
 * <pre>{@code
 * Loss loss = new SparseCategoricalCrossentropy(true);
 * Tensor value = loss.call(labels, logits);              // a scalar
 * Tensor weighted = loss.call(labels, logits, weights);  // weights of shape (batch)
 * }</pre>
 *
 * <p>As in Keras, when {@code yTrue} and {@code yPred} differ in rank by one and the longer one
 * ends in a dimension of 1, that dimension is dropped (or, for a rank-1 partner, added to it), so
 * labels of shape {@code (batch)} and {@code (batch, 1)} both work.
 */
public abstract class Loss {
  private final String name;
  private final Reduction reduction;

  protected Loss(String name, Reduction reduction) {
    this.name = name;
    this.reduction = reduction;
  }

  protected Loss(String name) {
    this(name, Reduction.SUM_OVER_BATCH_SIZE);
  }

  /** Keras's name of the loss, for example {@code "binary_crossentropy"}. */
  public String name() {
    return name;
  }

  public Reduction reduction() {
    return reduction;
  }

  /** This loss with another reduction. */
  public Loss withReduction(Reduction newReduction) {
    Loss inner = this;
    return new Loss(name, newReduction) {
      @Override
      public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return inner.perSample(yTrue, yPred);
      }
    };
  }

  /** The reduced loss; with the default reduction a scalar. */
  public final Tensor call(Tensor yTrue, Tensor yPred) {
    return call(yTrue, yPred, null);
  }

  /**
   * The reduced loss with each per-sample loss multiplied by {@code sampleWeight} (broadcast
   * against the per-sample losses, usually of shape {@code (batch)}); null means no weights.
   */
  public final Tensor call(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    Tensor values = perSample(yTrue, yPred);
    if (sampleWeight != null) {
      Tensor[] aligned = sameRank(values, sampleWeight);
      values = Ops.mul(aligned[0], aligned[1]);
    }
    if (reduction == Reduction.NONE || values.rank() == 0) {
      return values;
    }
    Tensor sum = Ops.sum(values);
    switch (reduction) {
      case SUM:
        return sum;
      case MEAN_WITH_SAMPLE_WEIGHT:
        if (sampleWeight != null) {
          float total = Ops.sum(sampleWeight).item();
          return Ops.mul(sum, Tensor.scalar(total == 0 ? 0f : 1f / total));
        }
        return Ops.mul(sum, Tensor.scalar(1f / Math.max(1, values.size())));
      default:
        return Ops.mul(sum, Tensor.scalar(1f / Math.max(1, values.size())));
    }
  }

  /**
   * The unreduced losses, one per sample (Keras's {@code Loss.call}); usually of shape {@code
   * (batch)}.
   */
  public abstract Tensor perSample(Tensor yTrue, Tensor yPred);

  /**
   * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer
   * tensor ends in 1, drops that axis, or adds one to the shorter tensor when it is rank 1.
   */
  static Tensor[] sameRank(Tensor a, Tensor b) {
    if (a.rank() == b.rank() + 1 && a.shape().dim(a.rank() - 1) == 1) {
      if (b.rank() == 1) {
        b = Ops.reshape(b, b.shape().dim(0), 1);
      } else {
        a = Ops.reshape(a, Arrays.copyOf(a.shape().dims(), a.rank() - 1));
      }
    } else if (b.rank() == a.rank() + 1 && b.shape().dim(b.rank() - 1) == 1) {
      if (a.rank() == 1) {
        a = Ops.reshape(a, a.shape().dim(0), 1);
      } else {
        b = Ops.reshape(b, Arrays.copyOf(b.shape().dims(), b.rank() - 1));
      }
    }
    return new Tensor[] {a, b};
  }

  /** Aligns ranks, then requires equal shapes of at least rank 1. */
  final Tensor[] sameShape(Tensor yTrue, Tensor yPred) {
    Tensor[] t = sameRank(yTrue, yPred);
    if (!t[0].shape().equals(t[1].shape()) || t[1].rank() == 0) {
      throw new IllegalArgumentException(
          name
              + ": yTrue and yPred must have the same shape of rank >= 1 (a trailing axis of 1 may"
              + " be missing from one of them); got yTrue "
              + yTrue.shape()
              + " and yPred "
              + yPred.shape());
    }
    return t;
  }

  /** Keras's fuzz factor: probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
  static final float EPSILON = 1e-7f;

  static Tensor clipProbabilities(Tensor p) {
    return Ops.clip(p, EPSILON, 1f - EPSILON);
  }

  /**
   * Label smoothing as Keras does it: {@code y * (1 - smoothing) + offset}, where the offset is
   * {@code smoothing} spread over the classes ({@code 0.5 * smoothing} for binary labels, {@code
   * smoothing / C} for {@code C} classes). Returns {@code y} unchanged when {@code smoothing} is 0.
   */
  static Tensor smoothLabels(Tensor y, float smoothing, float offset) {
    if (smoothing == 0) {
      return y;
    }
    return Ops.add(Ops.mul(y, Tensor.scalar(1f - smoothing)), Tensor.scalar(offset));
  }

  static float checkSmoothing(String loss, float labelSmoothing) {
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          loss + ": labelSmoothing must be in [0, 1], got " + labelSmoothing);
    }
    return labelSmoothing;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ", " + reduction + ")";
  }
}
