package dev.graft.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dense;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static Model mlp() {
    KerasTensor in = Input.of(4);
    KerasTensor h = new Dense(Dense.units(5).activation("relu")).apply(in);
    return new Model(in, new Dense(2).apply(h), "mlp");
  }

  @Test
  void functionalChainPrintsTheKerasTableAtTheDefaultWidth() {
    String expected =
        String.join(
            "\n",
            "Model: \"mlp\"",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┓",
            "┃ Layer (type)                        ┃ Output Shape                ┃          Param # ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━┩",
            "│ input_layer (InputLayer)            │ (None, 4)                   │                0 │",
            "├─────────────────────────────────────┼─────────────────────────────┼──────────────────┤",
            "│ dense (Dense)                       │ (None, 5)                   │               25 │",
            "├─────────────────────────────────────┼─────────────────────────────┼──────────────────┤",
            "│ dense_1 (Dense)                     │ (None, 2)                   │               12 │",
            "└─────────────────────────────────────┴─────────────────────────────┴──────────────────┘",
            " Total params: 37 (148.00 B)",
            " Trainable params: 37 (148.00 B)",
            " Non-trainable params: 0 (0.00 B)",
            "");
    Model m = mlp();
    assertEquals(expected, m.summaryString());
    for (String line : m.summaryString().split("\n")) {
      assertTrue(line.length() <= 88, line);
    }
    assertEquals(88, m.summaryString().split("\n")[1].length());
  }

  @Test
  void summaryPrintsToStandardOutput() {
    Model m = mlp();
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      m.summary();
    } finally {
      System.setOut(saved);
    }
    assertEquals(m.summaryString(), buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lineLengthSetsTheTableWidth() {
    Model m = mlp();
    for (int width : new int[] {40, 60, 80, 120}) {
      String[] lines = m.summaryString(width).split("\n");
      assertEquals(width, lines[1].length(), "top rule at " + width);
      assertEquals(width, lines[lines.length - 4].length(), "bottom rule at " + width);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.summaryString(8));
    assertTrue(e.getMessage().contains("too narrow"), e.getMessage());
  }

  @Test
  void narrowColumnsWrapTheirCells() {
    Model m = mlp();
    String s = m.summaryString(40);
    assertTrue(s.contains("│ input_layer    │ (None, 4)  │      0 │\n"), s);
    assertTrue(s.contains("│ (InputLayer)   │            │        │\n"), s);
    assertTrue(s.contains("┃ Layer (type)   ┃ Output     ┃  Param ┃\n"), s);
    assertEquals(List.of("abc", "defg", "hi"), Summary.wrap("abc defg hi", 4));
    assertEquals(List.of("abcd", "efgh", "ij k"), Summary.wrap("abcdefghij k", 4));
    assertEquals(List.of("   └ dense", "(Dense)"), Summary.wrap("   └ dense (Dense)", 12));
  }

  @Test
  void sequentialOmitsTheInputLayer() {
    Sequential s = new Sequential("stack").withInput(3);
    s.add(new Dense(Dense.units(4).name("d1"))).add(new Dense(Dense.units(2).name("d2")));
    String text = s.summaryString();
    assertTrue(text.startsWith("Model: \"stack\"\n"), text);
    assertFalse(text.contains("InputLayer"), text);
    assertTrue(text.contains("│ d1 (Dense) "), text);
    assertTrue(text.contains("│ (None, 4) "), text);
    assertTrue(text.contains(" 16 │\n"), text);
    assertTrue(text.endsWith(" Non-trainable params: 0 (0.00 B)\n"), text);
  }

  @Test
  void unbuiltSequentialShowsUnknownShapesAndNoParams() {
    Sequential lazy = new Sequential("lazy");
    lazy.add(new Dense(2));
    String text = lazy.summaryString();
    assertTrue(text.contains("│ ?  "), text);
    assertTrue(text.contains(" 0 (unbuilt) │"), text);
    assertTrue(text.contains(" Total params: 0 (0.00 B)\n"), text);
  }

  @Test
  void nestedModelIsOneRowWithItsTypeAndTotalParams() {
    Model inner = mlp();
    KerasTensor in = Input.named("outer_in", 4);
    Model outer = new Model(in, new Dense(Dense.units(1).name("head")).apply(inner.apply(in)), "o");
    inner.setTrainable(false);
    String text = outer.summaryString();
    assertTrue(text.contains("│ mlp (Functional) "), text);
    assertTrue(text.contains(" 37 │"), text);
    assertFalse(text.contains("dense_1 (Dense)"), text);
    assertTrue(text.contains(" Total params: 40 (160.00 B)\n"), text);
    assertTrue(text.contains(" Trainable params: 3 (12.00 B)\n"), text);
    assertTrue(text.contains(" Non-trainable params: 37 (148.00 B)\n"), text);

    Sequential seqOuter = new Sequential("so").withInput(4);
    seqOuter.add(inner);
    assertTrue(seqOuter.summaryString().contains("│ mlp (Functional) "));
    Sequential innerSeq = new Sequential("inner_seq").withInput(4);
    innerSeq.add(new Dense(3));
    KerasTensor in2 = Input.of(4);
    Model holder = new Model(in2, innerSeq.apply(in2), "holder");
    assertTrue(holder.summaryString().contains("│ inner_seq (Sequential) "));

    String expanded = Summary.of(outer, Summary.Options.defaults().expandNested(true));
    assertTrue(expanded.contains("│    └ dense_1 (Dense) "), expanded);
    assertTrue(expanded.contains("│    └ input_layer (InputLayer) "), expanded);
  }

  @Test
  void branchingGraphGetsAConnectedToColumn() {
    KerasTensor a = Input.named("a", 4);
    KerasTensor b = Input.named("b", 4);
    Dense shared = new Dense(Dense.units(3).name("shared"));
    KerasTensor ya = shared.apply(a);
    KerasTensor yb = shared.apply(b);
    Model m = new Model(List.of(a, b), List.of(ya, yb), "two_towers");
    String text = m.summaryString();
    String[] lines = text.split("\n");
    assertEquals(108, lines[1].length());
    assertTrue(lines[2].contains("┃ Connected to "), lines[2]);
    assertTrue(text.contains("│ a[0][0], b[0][0] "), text);
    assertTrue(text.contains("│ -  "), text);
    // The shared layer is one row (its first call's shape) and its weights count once.
    assertEquals(1, text.split("shared \\(Dense\\)", -1).length - 1, text);
    assertTrue(text.contains(" Total params: 15 (60.00 B)\n"), text);
  }

  @Test
  void secondCallOfALayerIsNodeOne() {
    KerasTensor in = Input.named("x", 3);
    Dense twice = new Dense(Dense.units(3).name("twice"));
    KerasTensor h = twice.apply(twice.apply(in));
    Model m = new Model(in, h, "loop");
    String text = m.summaryString();
    // Calling a layer twice makes the graph non-sequential in Keras's sense.
    assertTrue(text.contains("Connected to"), text);
    assertTrue(text.contains("│ x[0][0], twice[0][0] "), text);
  }

  @Test
  void multiOutputLayerShowsAllShapes() {
    assertEquals("(None, 8, 8, 8)", Summary.formatShape(new int[] {-1, 8, 8, 8}));
    assertEquals("(None)", Summary.formatShape(new int[] {-1}));
    KerasTensor in = Input.named("x", 6);
    Model two =
        new Model(List.of(in), List.of(new Dense(2).apply(in), new Dense(3).apply(in)), "t");
    KerasTensor outerIn = Input.named("y", 6);
    Model outer = new Model(List.of(outerIn), two.applySymbolic(List.of(outerIn), null), "outer");
    assertTrue(outer.summaryString().contains("[(None, 2), (None, 3)]"), outer.summaryString());
  }

  @Test
  void sizesAreFormattedAsKerasDoes() {
    assertEquals("0.00 B", Summary.readableSize(0));
    assertEquals("128.00 B", Summary.readableSize(128));
    assertEquals("1020.00 B", Summary.readableSize(1020));
    assertEquals("1.00 KB", Summary.readableSize(1024));
    assertEquals("2.76 KB", Summary.readableSize(707 * 4));
    assertEquals("2.64 KB", Summary.readableSize(675 * 4));
    assertEquals("55.00 KB", Summary.readableSize(14_080 * 4));
    assertEquals("1.58 MB", Summary.readableSize(414_053 * 4));
    assertEquals("1.56 MB", Summary.readableSize(410_208 * 4));
    // An exact tie rounds to even, as Python's format does: 1.125 KB -> 1.12, 1.375 KB -> 1.38.
    assertEquals("1.12 KB", Summary.readableSize(1152));
    assertEquals("1.38 KB", Summary.readableSize(1408));
    assertEquals("3.00 GB", Summary.readableSize(3L << 30));
  }
}
