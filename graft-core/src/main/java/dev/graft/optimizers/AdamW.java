package dev.graft.optimizers;

/**
 * Adam with decoupled weight decay, as Keras's {@code AdamW}: before each Adam update every
 * variable not {@linkplain #excludeFromWeightDecay excluded} shrinks by {@code w -= w * weightDecay
 * * lr}. The default weight decay is Keras's 0.004.
 *
 * <pre>{@code
 * AdamW opt = AdamW.builder().learningRate(1e-3f).weightDecay(0.01f).build();
 * }</pre>
 */
public final class AdamW extends AbstractAdam {
  private final float weightDecay;

  private AdamW(AdamWBuilder b) {
    super("AdamW", b);
    this.weightDecay = b.weightDecayValue();
  }

  /** Defaults as Keras: Adam's, plus weight decay 0.004. */
  public static AdamWBuilder builder() {
    return new AdamWBuilder();
  }

  public float weightDecay() {
    return weightDecay;
  }

  /** The builder of {@link AdamW}. */
  public static final class AdamWBuilder extends AbstractAdam.Builder<AdamWBuilder> {
    private AdamWBuilder() {
      weightDecay(0.004f);
    }

    @Override
    protected AdamWBuilder self() {
      return this;
    }

    public AdamW build() {
      return new AdamW(this);
    }
  }
}
