package dev.graft.models;

import dev.graft.layers.Layer;

/**
 * A symbolic tensor: the shape (batch axis first, {@code -1} where unknown) of a value that will
 * flow through a functional model, and the node that produces it. Made by {@link Input#of} and by
 * calling layers on symbolic tensors.
 */
public final class KerasTensor {
  private final int[] shape;
  private final Node node;
  private final int index;

  KerasTensor(int[] shape, Node node, int index) {
    this.shape = shape.clone();
    this.node = node;
    this.index = index;
  }

  /** The shape, batch axis first; {@code -1} means unknown ("None"). */
  public int[] shape() {
    return shape.clone();
  }

  /** The node that produces this tensor. */
  public Node node() {
    return node;
  }

  /** Which output of its node this is. */
  public int index() {
    return index;
  }

  @Override
  public String toString() {
    return "KerasTensor" + Layer.formatShape(shape) + " from '" + node.layer().name() + "'";
  }
}
