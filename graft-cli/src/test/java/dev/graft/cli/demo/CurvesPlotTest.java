package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.training.History;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesPlotTest {
  private static History history(double... losses) {
    History h = new History();
    h.onTrainBegin(Map.of());
    for (int e = 0; e < losses.length; e++) {
      h.onEpochEnd(e, Map.of("loss", losses[e], "accuracy", 1 - losses[e] / 2));
    }
    return h;
  }

  @Test
  void writesAPngWithThePhaseBoundaryMarked(@TempDir Path tmp) throws Exception {
    SeedResult r =
        new SeedResult(1, 0.5, 0.6, 0.7, history(1.5, 1.0, 0.8, 0.7), history(0.6, 0.5), 1, 1, 1);
    Path file = tmp.resolve("curves.png");
    CurvesPlot.write(r, file);
    BufferedImage png = ImageIO.read(file.toFile());
    assertEquals(CurvesPlot.WIDTH, png.getWidth());
    assertEquals(CurvesPlot.HEIGHT, png.getHeight());
    // The boundary after 4 of 6 epochs: 2/3 of the way across each panel's plot area.
    int plotWidth = CurvesPlot.WIDTH / 2 - 60 - 20;
    int x = 60 + (int) Math.round(plotWidth * 4 / 6.0);
    int red = 0;
    for (int y = 60; y < CurvesPlot.HEIGHT - 60; y++) {
      int rgb = png.getRGB(x, y);
      int cr = (rgb >> 16) & 0xff;
      int cg = (rgb >> 8) & 0xff;
      red += cr > 150 && cg < 120 ? 1 : 0;
    }
    assertTrue(red > 50, "dashed red boundary line at x=" + x + ": " + red + " red pixels");
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList(), "a temporary file was left behind");
    }
  }
}
