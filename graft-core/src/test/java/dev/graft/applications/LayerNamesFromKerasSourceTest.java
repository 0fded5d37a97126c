package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer names and order of Xception and ResNet50 (no top) against lists written here from Keras 3's
 * source ({@code keras/src/applications/xception.py}, {@code resnet.py}) and its ordering of {@code
 * model.layers} ({@code keras/src/ops/function.py}, {@code map_graph}: by decreasing depth from the
 * output, ties in the order a depth-first walk from the output meets them). That ordering puts a
 * projection shortcut's layers among the main branch's last layers, e.g. Xception's {@code
 * block2_sepconv2_bn, conv2d, block2_pool, batch_normalization, add} and ResNet50's {@code
 * conv2_block1_2_relu, conv2_block1_0_conv, conv2_block1_3_conv, conv2_block1_0_bn,
 * conv2_block1_3_bn, conv2_block1_add}. Unnamed layers get Keras's automatic names in a fresh
 * session ({@link LayerNames#reset()}). Known totals: 132 layers (Xception), 175 (ResNet50).
 */
class LayerNamesFromKerasSourceTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @Test
  void xception() {
    List<String> e = new ArrayList<>(List.of("input_layer"));
    e.addAll(
        List.of(
            "block1_conv1",
            "block1_conv1_bn",
            "block1_conv1_act",
            "block1_conv2",
            "block1_conv2_bn",
            "block1_conv2_act",
            "block2_sepconv1",
            "block2_sepconv1_bn",
            "block2_sepconv2_act",
            "block2_sepconv2",
            "block2_sepconv2_bn",
            "conv2d",
            "block2_pool",
            "batch_normalization",
            "add"));
    for (int b = 3; b <= 4; b++) {
      String p = "block" + b;
      e.addAll(
          List.of(
              p + "_sepconv1_act",
              p + "_sepconv1",
              p + "_sepconv1_bn",
              p + "_sepconv2_act",
              p + "_sepconv2",
              p + "_sepconv2_bn",
              "conv2d_" + (b - 2),
              p + "_pool",
              "batch_normalization_" + (b - 2),
              "add_" + (b - 2)));
    }
    for (int b = 5; b <= 12; b++) {
      String p = "block" + b;
      for (int k = 1; k <= 3; k++) {
        e.addAll(
            List.of(p + "_sepconv" + k + "_act", p + "_sepconv" + k, p + "_sepconv" + k + "_bn"));
      }
      e.add("add_" + (b - 2));
    }
    e.addAll(
        List.of(
            "block13_sepconv1_act",
            "block13_sepconv1",
            "block13_sepconv1_bn",
            "block13_sepconv2_act",
            "block13_sepconv2",
            "block13_sepconv2_bn",
            "conv2d_3",
            "block13_pool",
            "batch_normalization_3",
            "add_11",
            "block14_sepconv1",
            "block14_sepconv1_bn",
            "block14_sepconv1_act",
            "block14_sepconv2",
            "block14_sepconv2_bn",
            "block14_sepconv2_act"));
    assertEquals(132, e.size());
    Model m =
        Xception.build(
            ApplicationOptions.defaults()
                .weights((String) null)
                .includeTop(false)
                .inputShape(71, 71, 3));
    assertEquals(e, names(m));
  }

  @Test
  void resNet50() {
    List<String> e =
        new ArrayList<>(
            List.of(
                "input_layer",
                "conv1_pad",
                "conv1_conv",
                "conv1_bn",
                "conv1_relu",
                "pool1_pad",
                "pool1_pool"));
    int[] blocks = {3, 4, 6, 3};
    for (int s = 0; s < 4; s++) {
      for (int b = 1; b <= blocks[s]; b++) {
        String p = "conv" + (s + 2) + "_block" + b;
        e.addAll(
            List.of(
                p + "_1_conv",
                p + "_1_bn",
                p + "_1_relu",
                p + "_2_conv",
                p + "_2_bn",
                p + "_2_relu"));
        if (b == 1) {
          e.addAll(List.of(p + "_0_conv", p + "_3_conv", p + "_0_bn", p + "_3_bn"));
        } else {
          e.addAll(List.of(p + "_3_conv", p + "_3_bn"));
        }
        e.addAll(List.of(p + "_add", p + "_out"));
      }
    }
    assertEquals(175, e.size());
    Model m =
        ResNet50.build(
            ApplicationOptions.defaults()
                .weights((String) null)
                .includeTop(false)
                .inputShape(32, 32, 3));
    assertEquals(e, names(m));
  }

  private static List<String> names(Model m) {
    List<String> out = new ArrayList<>();
    for (Layer l : m.layers()) {
      out.add(l.name());
    }
    return out;
  }
}
