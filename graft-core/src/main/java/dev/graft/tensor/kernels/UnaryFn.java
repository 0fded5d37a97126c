package dev.graft.tensor.kernels;

/**
 * Elementwise unary functions with their derivatives. {@code p} and {@code q} are parameters for
 * the functions that take them (named per constant) and ignored otherwise. The derivative may use
 * the input {@code x} and the output {@code y = f(x)}, whichever is cheaper and more accurate; it
 * declares which ({@link #derivativeReadsInput}, {@link #derivativeReadsOutput}) so that ops save
 * only that one for the gradient.
 */
public enum UnaryFn {
  NEG,
  ABS,
  EXP,
  LOG,
  LOG1P,
  SQRT,
  RSQRT,
  SQUARE,
  /** {@code x^p}. */
  POW_SCALAR,
  TANH,
  SIGMOID,
  SOFTPLUS,
  /** {@code min(max(x, 0), p)}; {@code p = +inf} is plain ReLU, {@code p = 6} is ReLU6. */
  RELU,
  /** {@code x > 0 ? x : p*x}. */
  LEAKY_RELU,
  /** {@code x > 0 ? x : p*(exp(x) - 1)}. */
  ELU,
  /** Exact GELU, {@code x * Phi(x)}, as Keras's default {@code approximate=False}. */
  GELU,
  /** {@code x * sigmoid(x)}, also called SiLU. */
  SWISH,
  /** {@code min(max(x, p), q)}; the gradient passes where {@code p <= x <= q}. */
  CLIP;

  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

  /** The scalar definition every kernel must agree with. */
  public float apply(float x, float p, float q) {
    switch (this) {
      case NEG:
        return -x;
      case ABS:
        return Math.abs(x);
      case EXP:
        return (float) Math.exp(x);
      case LOG:
        return (float) Math.log(x);
      case LOG1P:
        return (float) Math.log1p(x);
      case SQRT:
        return (float) Math.sqrt(x);
      case RSQRT:
        return (float) (1.0 / Math.sqrt(x));
      case SQUARE:
        return x * x;
      case POW_SCALAR:
        return (float) Math.pow(x, p);
      case TANH:
        return (float) Math.tanh(x);
      case SIGMOID:
        return sigmoid(x);
      case SOFTPLUS:
        // log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|).
        return (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
      case RELU:
        return Math.min(Math.max(x, 0f), p);
      case LEAKY_RELU:
        return x > 0 ? x : p * x;
      case ELU:
        return x > 0 ? x : (float) (p * Math.expm1(x));
      case GELU:
        return (float) (0.5 * x * (1 + Erf.erf(x * SQRT_HALF)));
      case SWISH:
        return x * sigmoid(x);
      case CLIP:
        return Math.min(Math.max(x, p), q);
    }
    throw new AssertionError(this);
  }

  /** {@code df/dx} at {@code x}, where {@code y = f(x)}. */
  public float derivative(float x, float y, float p, float q) {
    switch (this) {
      case NEG:
        return -1f;
      case ABS:
        return x > 0 ? 1f : x < 0 ? -1f : 0f;
      case EXP:
        return y;
      case LOG:
        return 1f / x;
      case LOG1P:
        return 1f / (1f + x);
      case SQRT:
        return 0.5f / y;
      case RSQRT:
        return -0.5f * y / x;
      case SQUARE:
        return 2f * x;
      case POW_SCALAR:
        return p == 0 ? 0f : (float) (p * Math.pow(x, p - 1));
      case TANH:
        return 1f - y * y;
      case SIGMOID:
        return y * (1f - y);
      case SOFTPLUS:
        return sigmoid(x);
      case RELU:
        return y > 0 && y < p ? 1f : 0f; // from y alone (same as 0 < x < p), see readsInput
      case LEAKY_RELU:
        return x > 0 ? 1f : p;
      case ELU:
        return x > 0 ? 1f : y + p;
      case GELU:
        return (float)
            (0.5 * (1 + Erf.erf(x * SQRT_HALF)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
      case SWISH:
        {
          float s = sigmoid(x);
          return s + x * s * (1f - s);
        }
      case CLIP:
        return x >= p && x <= q ? 1f : 0f;
    }
    throw new AssertionError(this);
  }

  /**
   * Whether {@link #derivative} reads {@code x}. When it does not, an op saves only the output for
   * the gradient, and a kernel may be passed the output in place of the input.
   */
  public boolean derivativeReadsInput() {
    switch (this) {
      case NEG:
      case EXP:
      case SQRT:
      case TANH:
      case SIGMOID:
      case RELU:
        return false;
      default:
        return true;
    }
  }

  /**
   * Whether {@link #derivative} reads {@code y}. When it does not, an op saves only the input, and
   * a kernel may be passed the input in place of the output.
   */
  public boolean derivativeReadsOutput() {
    switch (this) {
      case EXP:
      case SQRT:
      case RSQRT:
      case TANH:
      case SIGMOID:
      case RELU:
      case ELU:
        return true;
      default:
        return false;
    }
  }

  static float sigmoid(float x) {
    return x >= 0
        ? (float) (1.0 / (1.0 + Math.exp(-x)))
        : (float) (Math.exp(x) / (1.0 + Math.exp(x)));
  }
}
