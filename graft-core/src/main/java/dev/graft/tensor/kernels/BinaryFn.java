package dev.graft.tensor.kernels;

/** Elementwise binary functions. Comparisons return 1 for true and 0 for false. */
public enum BinaryFn {
  ADD,
  SUB,
  MUL,
  DIV,
  POW,
  MAX,
  MIN,
  EQUAL,
  NOT_EQUAL,
  LESS,
  LESS_EQUAL,
  GREATER,
  GREATER_EQUAL;

  /** The scalar definition every kernel must agree with. */
  public float apply(float a, float b) {
    switch (this) {
      case ADD:
        return a + b;
      case SUB:
        return a - b;
      case MUL:
        return a * b;
      case DIV:
        return a / b;
      case POW:
        return (float) Math.pow(a, b);
      case MAX:
        return Math.max(a, b);
      case MIN:
        return Math.min(a, b);
      case EQUAL:
        return a == b ? 1f : 0f;
      case NOT_EQUAL:
        return a != b ? 1f : 0f;
      case LESS:
        return a < b ? 1f : 0f;
      case LESS_EQUAL:
        return a <= b ? 1f : 0f;
      case GREATER:
        return a > b ? 1f : 0f;
      case GREATER_EQUAL:
        return a >= b ? 1f : 0f;
    }
    throw new AssertionError(this);
  }
}
