package dev.graft.tensor;

/** Double-precision scalar references, written independently of graft's kernels. */
final class RefMath {
  private RefMath() {}

  /**
   * The error function to about 1e-15: {@code erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1)
   * / (1*3*...*(2n+1))}, a series of positive terms (no cancellation); beyond |x| = 6 erf is 1 to
   * double precision.
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    if (ax > 6) {
      return Math.signum(x);
    }
    double term = ax;
    double sum = ax;
    for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
      term *= 2 * ax * ax / (2 * n + 1);
      sum += term;
    }
    double r = 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
    return Math.copySign(Math.min(r, 1), x);
  }

  static double gelu(double x) {
    return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double softplus(double x) {
    return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
}
