package dev.graft.metrics;

import dev.graft.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The area under the ROC or precision-recall curve, approximated over fixed thresholds as Keras's
 * {@code keras.metrics.AUC}; named {@code auc} by default.
 *
 * <pre>{@code
 * Metric roc = new Auc();                                            // 200 thresholds, ROC
 * Metric pr = Auc.builder().curve(Auc.Curve.PR).name("pr_auc").build();
 * }</pre>
 *
 * <p><b>Thresholds.</b> With {@code numThresholds = n} (200 by default) the thresholds are {@code
 * -1e-7}, {@code i / (n - 1)} for {@code i = 1 .. n-2}, and {@code 1 + 1e-7}. Predictions are
 * clipped to [0, 1] (unless {@code fromLogits}, which applies a sigmoid first) and a prediction
 * counts as positive at every threshold it is strictly greater than; labels are positive when
 * non-zero. Every prediction of a multi-output model counts as one example, weighted by its
 * sample's weight. The true/false positive/negative counts per threshold accumulate over batches
 * (in double), so the result does not depend on how the data was batched.
 *
 * <p><b>Summation.</b> For ROC, {@link Summation#INTERPOLATION} (the default) is the trapezoid rule
 * over the points (false positive rate, recall) at successive thresholds; {@link
 * Summation#MINORING} and {@link Summation#MAJORING} use the lower or upper of the two heights. For
 * PR with interpolation, Keras's Davis &amp; Goadrich interpolation is used: between two thresholds
 * the true positives {@code TP} and predicted positives {@code P} vary linearly, the precision
 * {@code TP / P} is integrated exactly against recall, giving per interval {@code slope * (dTP +
 * intercept * ln(P_A / P_B)) / (TP_B + FN_B)} with {@code slope = dTP / dP} and {@code intercept =
 * TP_B - slope * P_B} (a ratio of 1 where either {@code P} is 0). Rates and divisions by 0 give 0,
 * as Keras's {@code divide_no_nan}: with no positive (or, for ROC, no negative) example the result
 * is 0.
 */
public final class Auc implements Metric {
  /** Which curve the area is under. */
  public enum Curve {
    /** Receiver operating characteristic: recall against the false positive rate. */
    ROC,
    /** Precision against recall. */
    PR
  }

  /** How the area of each interval between two thresholds is taken. */
  public enum Summation {
    /** Trapezoids for ROC; Davis &amp; Goadrich interpolation for PR. Keras's default. */
    INTERPOLATION,
    /** The lower of the two heights. */
    MINORING,
    /** The higher of the two heights. */
    MAJORING
  }

  private final String name;
  private final int numThresholds;
  private final Curve curve;
  private final Summation summation;
  private final boolean fromLogits;
  private final double[] truePositives;
  private final double[] falsePositives;
  private final double[] trueNegatives;
  private final double[] falseNegatives;

  /** Keras's defaults: 200 thresholds, ROC, interpolation, probabilities, name {@code auc}. */
  public Auc() {
    this(builder());
  }

  /** The ROC or PR area with Keras's other defaults. */
  public Auc(Curve curve) {
    this(builder().curve(curve));
  }

  private Auc(Builder b) {
    this.name = MetricNames.check(b.name);
    this.numThresholds = b.numThresholds;
    this.curve = b.curve;
    this.summation = b.summation;
    this.fromLogits = b.fromLogits;
    this.truePositives = new double[numThresholds];
    this.falsePositives = new double[numThresholds];
    this.trueNegatives = new double[numThresholds];
    this.falseNegatives = new double[numThresholds];
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Optional settings of {@link Auc}, Keras's defaults unless set. */
  public static final class Builder {
    private String name = "auc";
    private int numThresholds = 200;
    private Curve curve = Curve.ROC;
    private Summation summation = Summation.INTERPOLATION;
    private boolean fromLogits;

    private Builder() {}

    /** The number of thresholds, at least 2 (200 by default). */
    public Builder numThresholds(int numThresholds) {
      if (numThresholds < 2) {
        throw new IllegalArgumentException(
            "AUC: numThresholds must be an integer > 1, got " + numThresholds);
      }
      this.numThresholds = numThresholds;
      return this;
    }

    public Builder curve(Curve curve) {
      this.curve = Objects.requireNonNull(curve, "curve");
      return this;
    }

    public Builder summation(Summation summation) {
      this.summation = Objects.requireNonNull(summation, "summation");
      return this;
    }

    /** Whether predictions are logits, passed through a sigmoid first (false by default). */
    public Builder fromLogits(boolean fromLogits) {
      this.fromLogits = fromLogits;
      return this;
    }

    public Builder name(String name) {
      this.name = MetricNames.check(name);
      return this;
    }

    public Auc build() {
      return new Auc(this);
    }
  }

  @Override
  public String name() {
    return name;
  }

  public int numThresholds() {
    return numThresholds;
  }

  public Curve curve() {
    return curve;
  }

  public Summation summation() {
    return summation;
  }

  public boolean fromLogits() {
    return fromLogits;
  }

  /**
   * The thresholds, ascending: {@code -1e-7}, {@code i / (n - 1)} for 0 &lt; i &lt; n-1, {@code 1 +
   * 1e-7}.
   */
  public double[] thresholds() {
    double[] t = new double[numThresholds];
    t[0] = -1e-7;
    for (int i = 1; i < numThresholds - 1; i++) {
      t[i] = (double) i / (numThresholds - 1);
    }
    t[numThresholds - 1] = 1 + 1e-7;
    return t;
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
    Confusion c = Confusion.of(name, yTrue, yPred, sampleWeight);
    // A prediction p is above thresholds 0 .. bucket(p), where bucket(p) = ceil(p * (n - 1)) - 1
    // (at least 0: the lowest threshold is below 0), computed in float as Keras does.
    double[] positiveAt = new double[numThresholds];
    double[] negativeAt = new double[numThresholds];
    double positives = 0;
    double negatives = 0;
    float scale = numThresholds - 1;
    for (int i = 0; i < c.size(); i++) {
      float p = c.predictions[i];
      if (fromLogits) {
        p = (float) (1 / (1 + Math.exp(-p)));
      }
      p = Math.min(Math.max(p, 0f), 1f);
      int bucket = Math.max(0, (int) Math.ceil(p * scale) - 1);
      double w = c.weight(i);
      if (c.positive[i]) {
        positiveAt[bucket] += w;
        positives += w;
      } else {
        negativeAt[bucket] += w;
        negatives += w;
      }
    }
    double tp = 0;
    double fp = 0;
    for (int t = numThresholds - 1; t >= 0; t--) {
      tp += positiveAt[t];
      fp += negativeAt[t];
      truePositives[t] += tp;
      falsePositives[t] += fp;
      trueNegatives[t] += negatives - fp;
      falseNegatives[t] += positives - tp;
    }
  }

  @Override
  public double result() {
    if (curve == Curve.PR && summation == Summation.INTERPOLATION) {
      return interpolatedPrAuc();
    }
    double area = 0;
    for (int i = 0; i < numThresholds - 1; i++) {
      double x0;
      double x1;
      double y0;
      double y1;
      if (curve == Curve.ROC) {
        x0 = falsePositiveRate(i);
        x1 = falsePositiveRate(i + 1);
        y0 = recall(i);
        y1 = recall(i + 1);
      } else {
        x0 = recall(i);
        x1 = recall(i + 1);
        y0 = precision(i);
        y1 = precision(i + 1);
      }
      double height;
      switch (summation) {
        case MINORING:
          height = Math.min(y0, y1);
          break;
        case MAJORING:
          height = Math.max(y0, y1);
          break;
        default:
          height = (y0 + y1) / 2;
      }
      area += (x0 - x1) * height;
    }
    return area;
  }

  private double recall(int i) {
    return Confusion.divideNoNan(truePositives[i], truePositives[i] + falseNegatives[i]);
  }

  private double precision(int i) {
    return Confusion.divideNoNan(truePositives[i], truePositives[i] + falsePositives[i]);
  }

  private double falsePositiveRate(int i) {
    return Confusion.divideNoNan(falsePositives[i], falsePositives[i] + trueNegatives[i]);
  }

  /** Keras's {@code interpolate_pr_auc} (Davis &amp; Goadrich), term by term. */
  private double interpolatedPrAuc() {
    double area = 0;
    for (int i = 0; i < numThresholds - 1; i++) {
      double pA = truePositives[i] + falsePositives[i];
      double pB = truePositives[i + 1] + falsePositives[i + 1];
      double dtp = truePositives[i] - truePositives[i + 1];
      double slope = Confusion.divideNoNan(dtp, Math.max(pA - pB, 0));
      double intercept = truePositives[i + 1] - slope * pB;
      double ratio = pA > 0 && pB > 0 ? Confusion.divideNoNan(pA, Math.max(pB, 0)) : 1;
      area +=
          Confusion.divideNoNan(
              slope * (dtp + intercept * Math.log(ratio)),
              Math.max(truePositives[i + 1] + falseNegatives[i + 1], 0));
    }
    return area;
  }

  @Override
  public void reset() {
    Arrays.fill(truePositives, 0);
    Arrays.fill(falsePositives, 0);
    Arrays.fill(trueNegatives, 0);
    Arrays.fill(falseNegatives, 0);
  }

  /** The accumulated true positives per threshold (a copy). */
  public double[] truePositives() {
    return truePositives.clone();
  }

  public double[] falsePositives() {
    return falsePositives.clone();
  }

  public double[] trueNegatives() {
    return trueNegatives.clone();
  }

  public double[] falseNegatives() {
    return falseNegatives.clone();
  }

  @Override
  public String toString() {
    return "Auc(" + name + ", " + curve + ", " + numThresholds + " thresholds, " + summation + ")";
  }
}
