package dev.graft.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import dev.graft.testing.SharedGolden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code summary()} of the small golden models against Keras's {@code summary.txt}, up to column
 * spacing: the golden text was captured 80 characters wide, which cuts its table's right-hand
 * columns. Each table row is split into cells on the box characters; a cell the capture shows whole
 * must equal ours (ignoring where the text wrapped), a cut cell must begin ours. The model line and
 * the parameter totals must match exactly.
 */
class GoldenSummaryTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"small_functional", "small_sequential"})
  void summaryMatchesKeras(String folder) throws IOException {
    Path file = SharedGolden.require(folder + "/summary.txt");
    List<String> golden = Files.readAllLines(file, StandardCharsets.UTF_8);
    Model m =
        folder.equals("small_functional")
            ? GoldenSmallModelsTest.smallFunctional(0.3f)
            : GoldenSmallModelsTest.smallSequential();
    List<String> ours = List.of(m.summaryString().split("\n"));

    assertEquals(golden.get(0), ours.get(0));
    assertEquals(tail(golden), tail(ours), "parameter totals");

    Table want = Table.parse(golden);
    Table got = Table.parse(ours);
    assertEquals(want.rows.size(), got.rows.size(), "row count\n" + m.summaryString());
    for (int r = 0; r < want.rows.size(); r++) {
      List<List<String>> w = want.rows.get(r);
      List<List<String>> g = got.rows.get(r);
      for (int c = 0; c < w.size(); c++) {
        String ourCell = String.join("", g.get(c)).replaceAll("\\s", "");
        boolean cut = want.cut && c == w.size() - 1;
        String goldenCell =
            (cut ? w.get(c).get(0) : String.join("", w.get(c))).replaceAll("\\s", "");
        String where = folder + " row " + r + " column " + c;
        if (cut) {
          assertTrue(
              ourCell.startsWith(goldenCell),
              where + ": '" + ourCell + "' should start with '" + goldenCell + "'");
        } else {
          assertEquals(goldenCell, ourCell, where);
        }
      }
    }
  }

  /** The lines after the table: the parameter totals. */
  private static List<String> tail(List<String> lines) {
    int bottom = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("└")) {
        bottom = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : lines.subList(bottom + 1, lines.size())) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  /** A table as rows of cells, each cell its text lines; the header row first. */
  private static final class Table {
    final List<List<List<String>>> rows = new ArrayList<>();
    boolean cut;

    static Table parse(List<String> lines) {
      Table t = new Table();
      List<List<String>> row = null;
      for (String line : lines) {
        if (line.startsWith("┏")) {
          t.cut = !line.endsWith("┓");
        } else if (line.startsWith("┃") || line.startsWith("│")) {
          String[] parts = line.substring(1).split("[┃│]", -1);
          int n = t.cut ? parts.length : parts.length - 1;
          if (row == null) {
            row = new ArrayList<>();
            for (int c = 0; c < n; c++) {
              row.add(new ArrayList<>());
            }
          }
          for (int c = 0; c < n && c < row.size(); c++) {
            row.get(c).add(parts[c].trim());
          }
        } else if (row != null) {
          t.rows.add(row);
          row = null;
        }
      }
      return t;
    }
  }
}
