package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.autodiff.Variable;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.models.InputLayer;
import dev.graft.models.Model;
import dev.graft.models.Node;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keras 3.15.1's {@code model_config.json} of the golden models: graft rebuilds each model from it
 * with Keras's layer names, order, types and output shapes (as Keras's {@code summary.txt} lists
 * them) and parameter counts (the golden README's), and writes the rebuilt model back as JSON equal
 * to Keras's on every field (see {@link JsonDiff} for how numbers compare; no field is ignored).
 */
class GoldenConfigTest {
  private static final ObjectMapper M = new ObjectMapper();

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @ParameterizedTest
  @CsvSource({
    "small_functional, 707, 675, 32",
    "small_sequential, 573, 565, 8",
    "mobilenetv2_035_96, 410208, 396128, 14080"
  })
  void rebuildsTheModelAndWritesTheSameConfig(
      String folder, long total, long trainable, long nonTrainable) throws IOException {
    Path dir = SharedGolden.require(folder);
    String json = Files.readString(dir.resolve("model_config.json"), StandardCharsets.UTF_8);
    Model m = ModelConfigs.fromJson(json);

    List<String[]> rows = summaryRows(dir.resolve("summary.txt"));
    List<String[]> ours = ourRows(m);
    assertEquals(rows.size(), ours.size(), folder + ": number of layers");
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i)[0], ours.get(i)[0], folder + " layer " + i + " name (type)");
      String want = rows.get(i)[1];
      String got = ours.get(i)[1];
      // An 80-column capture cuts the shape column when its table is wide: compare the visible
      // part.
      boolean cut = rows.get(i)[2] != null;
      assertEquals(
          want,
          cut ? got.substring(0, Math.min(got.length(), want.length())) : got,
          folder + " layer " + i + " output shape");
    }
    String totals = Files.readString(dir.resolve("summary.txt"), StandardCharsets.UTF_8);
    assertEquals(total, count(totals, "Total params"), "summary total");
    assertEquals(total, m.countParams(), folder + " total params");
    assertEquals(trainable, size(m.trainableWeights()), folder + " trainable params");
    assertEquals(nonTrainable, size(m.nonTrainableWeights()), folder + " non-trainable params");

    JsonNode expected = M.readTree(json);
    JsonNode written = M.readTree(ModelConfigs.toJson(m));
    assertNull(JsonDiff.firstDifference(expected, written), folder + ": written config differs");
  }

  private static long size(List<Variable> vs) {
    long n = 0;
    for (Variable v : vs) {
      n += v.size();
    }
    return n;
  }

  private static long count(String summary, String label) {
    Matcher mt = Pattern.compile(label + ": ([0-9,]+)").matcher(summary);
    if (!mt.find()) {
      throw new AssertionError("no '" + label + "' in the summary");
    }
    return Long.parseLong(mt.group(1).replace(",", ""));
  }

  /**
   * {@code {"name(Type)", "(None,...)", cut}} per table row of a Keras summary, without spaces;
   * {@code cut} is non-null when the capture ends inside the shape column.
   */
  static List<String[]> summaryRows(Path summary) throws IOException {
    List<String[]> rows = new ArrayList<>();
    StringBuilder name = null;
    StringBuilder shape = null;
    String cut = null;
    for (String line : Files.readAllLines(summary, StandardCharsets.UTF_8)) {
      if (line.startsWith("│")) {
        String[] cells = line.split("│", -1);
        if (name == null) {
          name = new StringBuilder();
          shape = new StringBuilder();
        }
        name.append(cells[1].trim());
        shape.append(cells[2].trim());
        cut = cells.length < 4 ? "cut" : null;
      } else if (name != null && (line.startsWith("├") || line.startsWith("└"))) {
        rows.add(
            new String[] {
              name.toString().replace(" ", ""), shape.toString().replace(" ", ""), cut
            });
        name = null;
      }
    }
    return rows;
  }

  /** The same rows for a graft model: each layer's first call in it. */
  private static List<String[]> ourRows(Model m) {
    List<String[]> rows = new ArrayList<>();
    for (Layer l : m.layers()) {
      int[] shape = null;
      for (Node n : m.nodes()) {
        if (n.layer() == l) {
          shape = n.output(0).shape();
          break;
        }
      }
      if (l instanceof InputLayer in) {
        shape = in.batchShape();
      }
      rows.add(
          new String[] {
            (l.name() + "(" + l.typeName() + ")").replace(" ", ""),
            Layer.formatShape(shape).replace(" ", "")
          });
    }
    return rows;
  }
}
