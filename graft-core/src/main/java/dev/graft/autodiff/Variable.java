package dev.graft.autodiff;

import dev.graft.tensor.Tensor;

/**
 * A named, mutable tensor: the weights of a model. Trainable variables are watched by every open
 * {@link GradientTape} automatically. Values change only through {@link #assign}, {@link
 * #assignAdd} and {@link #assignSub}, which check the shape and write in place.
 *
 * <p>Views taken of a variable (reshape, transpose, slice) share its buffer and see later
 * assignments; ordinary op results do not.
 */
public final class Variable extends Tensor {
  private final String name;
  private boolean trainable;

  public Variable(String name, Tensor initialValue, boolean trainable) {
    super(initialValue);
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Variable: a name is required");
    }
    this.name = name;
    this.trainable = trainable;
  }

  /** A trainable variable. */
  public Variable(String name, Tensor initialValue) {
    this(name, initialValue, true);
  }

  public String name() {
    return name;
  }

  public boolean isTrainable() {
    return trainable;
  }

  public void setTrainable(boolean trainable) {
    this.trainable = trainable;
  }

  /** Replaces the value; {@code value} must have this variable's shape. */
  public void assign(Tensor value) {
    overwrite(checked("assign", value).toFloatArray());
  }

  /** Adds {@code delta} in place. */
  public void assignAdd(Tensor delta) {
    float[] d = checked("assignAdd", delta).toFloatArray();
    float[] v = toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] += d[i];
    }
    overwrite(v);
  }

  /** Subtracts {@code delta} in place. */
  public void assignSub(Tensor delta) {
    float[] d = checked("assignSub", delta).toFloatArray();
    float[] v = toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] -= d[i];
    }
    overwrite(v);
  }

  private Tensor checked(String op, Tensor value) {
    if (!value.shape().equals(shape())) {
      throw new IllegalArgumentException(
          op
              + ": variable '"
              + name
              + "' has shape "
              + shape()
              + " but the value has shape "
              + value.shape());
    }
    return value;
  }

  @Override
  public String toString() {
    return "Variable '" + name + "' " + shape() + (trainable ? "" : " (non-trainable)");
  }
}
