package dev.graft.losses;

/** How a {@link Loss} turns the per-sample losses into its result, as Keras's {@code reduction}. */
public enum Reduction {
  /**
   * The default: the sum of the (weighted) per-sample losses divided by their number (Keras's
   * {@code "sum_over_batch_size"}, also called {@code "mean"}). Sample weights do not change the
   * divisor.
   */
  SUM_OVER_BATCH_SIZE,
  /** The sum of the (weighted) per-sample losses. */
  SUM,
  /** The weighted sum divided by the sum of the sample weights (by the count without weights). */
  MEAN_WITH_SAMPLE_WEIGHT,
  /** No reduction: the (weighted) per-sample losses. */
  NONE
}
