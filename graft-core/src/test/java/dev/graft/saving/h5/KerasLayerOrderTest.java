package dev.graft.saving.h5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.layers.Layer;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.merging.Add;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code model.layers} order for a branching graph, worked out by hand from {@code
 * map_graph} (depth = longest path to the output; by decreasing depth, ties by first meeting in a
 * depth-first walk from the output through each node's inputs in order).
 */
class KerasLayerOrderTest {
  /**
   * An Xception-style block: the shortcut conv is called before the main branch. Depths: add 0,
   * sep2 1, shortcut 1, sep1 2, stem 3, input 4; the walk from add meets sep2 before shortcut.
   */
  @Test
  void residualBlockIsOrderedByDepthNotByCall() {
    KerasTensor in = Input.named("in", 8, 8, 3);
    KerasTensor x = new Conv2D(Conv2D.filters(4, 3).padding("same").name("stem")).apply(in);
    KerasTensor shortcut = new Conv2D(Conv2D.filters(4, 1).name("shortcut")).apply(x);
    KerasTensor y =
        new SeparableConv2D(SeparableConv2D.filters(4, 3).padding("same").name("sep1")).apply(x);
    y = new SeparableConv2D(SeparableConv2D.filters(4, 3).padding("same").name("sep2")).apply(y);
    KerasTensor out = new Add("add").applySymbolic(List.of(y, shortcut), null).get(0);
    Model m = new Model(in, out, "block");
    assertEquals(
        List.of("in", "stem", "shortcut", "sep1", "sep2", "add"),
        names(m.layers()),
        "graft's own list is in call order");
    assertEquals(
        List.of("in", "stem", "sep1", "sep2", "shortcut", "add"), names(KerasLayerOrder.layers(m)));
  }

  private static List<String> names(List<Layer> layers) {
    return layers.stream().map(Layer::name).toList();
  }
}
