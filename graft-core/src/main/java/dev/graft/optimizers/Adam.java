package dev.graft.optimizers;

/**
 * Adam, as Keras 3's {@code Adam}; the update rule is described in {@link AbstractAdam}.
 *
 * <pre>{@code
 * Adam adam = Adam.builder().learningRate(0.01f).amsgrad(true).build();
 * }</pre>
 */
public final class Adam extends AbstractAdam {
  private Adam(AdamBuilder b) {
    super("Adam", b);
  }

  /** Adam with learning rate {@code lr} and Keras's other defaults. */
  public Adam(float lr) {
    this(builder().learningRate(lr));
  }

  /** Defaults as Keras: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no amsgrad. */
  public static AdamBuilder builder() {
    return new AdamBuilder();
  }

  /** The builder of {@link Adam}. */
  public static final class AdamBuilder extends AbstractAdam.Builder<AdamBuilder> {
    private AdamBuilder() {}

    @Override
    protected AdamBuilder self() {
      return this;
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}
