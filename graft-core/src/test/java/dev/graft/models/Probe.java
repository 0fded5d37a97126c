package dev.graft.models;

import dev.graft.layers.Layer;
import dev.graft.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A test layer that passes its input through and records the training value of each call. */
final class Probe extends Layer {
  final List<Boolean> seen = new ArrayList<>();

  Probe(String name) {
    super(name);
  }

  @Override
  protected Tensor call(Tensor x, boolean training) {
    seen.add(training);
    return x;
  }
}
