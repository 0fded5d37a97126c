package dev.graft.initializers;

/**
 * Keras's fan computation: for a kernel {@code (..., in, out)} the receptive field is the product
 * of the leading axes; {@code fanIn = field * in}, {@code fanOut = field * out}. A vector has
 * {@code fanIn = fanOut = n}; a scalar 1.
 */
public record Fans(double in, double out) {
  public static Fans of(int[] shape) {
    if (shape.length == 0) {
      return new Fans(1, 1);
    }
    if (shape.length == 1) {
      return new Fans(shape[0], shape[0]);
    }
    if (shape.length == 2) {
      return new Fans(shape[0], shape[1]);
    }
    double field = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      field *= shape[i];
    }
    return new Fans(field * shape[shape.length - 2], field * shape[shape.length - 1]);
  }
}
