package dev.graft.tensor.kernels;

/** The error function in double precision (Abramowitz and Stegun 7.1.26; |error| < 1.5e-7). */
final class Erf {
  private Erf() {}

  static double erf(double x) {
    double t = 1.0 / (1.0 + 0.3275911 * Math.abs(x));
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double r = 1.0 - poly * Math.exp(-x * x);
    return x >= 0 ? r : -r;
  }
}
