package dev.graft.cli.train;

import static dev.graft.cli.GraftCommandTest.graft;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.cli.GraftCommandTest.Run;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.saving.ModelFiles;
import dev.graft.tensor.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graft train, predict, evaluate, summary and preview end to end on 2 classes x 12 generated 32x32
 * PNGs (red discs, blue squares) with a tiny convolutional base saved as a .keras file.
 */
class TrainWorkflowTest {
  @TempDir static Path tmp;
  static Path data;
  static Path base;

  @BeforeAll
  static void makeData() throws Exception {
    data = tmp.resolve("shapes");
    Random random = new Random(7);
    for (String cls : List.of("discs", "squares")) {
      Path dir = Files.createDirectories(data.resolve(cls));
      for (int i = 0; i < 12; i++) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(230, 230, 230));
        g.fillRect(0, 0, 32, 32);
        int x = random.nextInt(12);
        int y = random.nextInt(12);
        if (cls.equals("discs")) {
          g.setColor(new Color(200, 30, 30));
          g.fillOval(x, y, 18, 18);
        } else {
          g.setColor(new Color(30, 30, 200));
          g.fillRect(x, y, 18, 18);
        }
        g.dispose();
        ImageIO.write(img, "png", dir.resolve(cls + i + ".png").toFile());
      }
    }
    KerasTensor in = Input.of(32, 32, 3);
    KerasTensor x = new Conv2D(4, 3).apply(in);
    x = new BatchNormalization().apply(x);
    Model tiny = new Model(in, x, "tiny_base");
    base = tmp.resolve("tiny_base.keras");
    ModelFiles.save(tiny, base);
  }

  private static String[] train(Path out, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--base",
                base.toString(),
                "--weights",
                "none",
                "--image-size",
                "32",
                "--batch-size",
                "8",
                "--epochs",
                "2",
                "--fine-tune-epochs",
                "1",
                "--augment",
                "flip",
                "--out",
                out.toString()));
    // Extra options replace the defaults above (picocli refuses an option given twice).
    for (int i = 0; i < extra.length; i += 2) {
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.add(extra[i]);
        args.add(extra[i + 1]);
      }
    }
    return args.toArray(new String[0]);
  }

  @Test
  void trainsThenPredictsEvaluatesAndSummarizes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Path model = dir.resolve("model.keras");
    Run t = graft(train(model));
    assertEquals(0, t.code(), t.err() + t.out());
    assertTrue(t.out().contains("Found 24 files belonging to 2 classes."), t.out());
    assertTrue(t.out().contains("Epoch 3/3"), t.out());
    assertTrue(t.out().contains("feature extraction"), t.out());
    assertTrue(t.out().contains("fine-tuning"), t.out());
    for (String f :
        List.of(
            "model.keras",
            "model.classes.json",
            "model.checkpoint.keras",
            "model.state.json",
            "model.log.csv",
            "model.curves.png")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    List<String> csv = Files.readAllLines(dir.resolve("model.log.csv"));
    assertEquals(4, csv.size(), csv.toString());
    assertTrue(csv.get(0).startsWith("epoch,"), csv.get(0));
    assertTrue(csv.get(3).startsWith("2,"), csv.get(3));
    BufferedImage curves = ImageIO.read(dir.resolve("model.curves.png").toFile());
    assertEquals(1000, curves.getWidth());
    JsonNode classes = new ObjectMapper().readTree(dir.resolve("model.classes.json").toFile());
    assertEquals("discs", classes.get("class_names").get(0).asText());
    assertEquals("squares", classes.get("class_names").get(1).asText());

    // The saved model: the base is frozen-called (training=false) and reloads as the same graph.
    Model reloaded = ModelFiles.load(model);
    assertEquals(1, reloaded.outputs().get(0).shape()[1]);

    Run p = graft("predict", "--model", model.toString(), data.resolve("discs").toString());
    assertEquals(0, p.code(), p.err());
    assertEquals(13, p.out().lines().count(), p.out());
    assertTrue(
        p.out()
            .lines()
            .skip(1)
            .allMatch(
                l ->
                    l.matches(
                        ".*discs0?\\d*\\.png\\s+(discs|squares)\\s+0\\.\\d{4}|.*\\.png\\s+(discs|squares)\\s+1\\.0000")),
        p.out());

    Path one = data.resolve("squares").resolve("squares3.png");
    Run j = graft("predict", "--json", "--model", model.toString(), one.toString());
    assertEquals(0, j.code(), j.err());
    JsonNode rows = new ObjectMapper().readTree(j.out());
    assertEquals(1, rows.size());
    assertEquals(one.toString(), rows.get(0).get("file").asText());
    double prob = rows.get(0).get("probability").asDouble();
    assertTrue(prob >= 0.5 && prob <= 1, j.out());

    Run e = graft("evaluate", "--model", model.toString(), "--data", data.toString());
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("loss: "), e.out());
    assertTrue(e.out().contains("accuracy: "), e.out());
    // The confusion matrix's rows sum to the 12 images of each class.
    for (String cls : List.of("discs", "squares")) {
      String row = e.out().lines().filter(l -> l.startsWith(cls + " ")).findFirst().orElseThrow();
      String[] cells = row.trim().split("\\s+");
      assertEquals(12, Long.parseLong(cells[1]) + Long.parseLong(cells[2]), row);
    }

    Run s = graft("summary", model.toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("tiny_base"), s.out());
    assertTrue(s.out().contains("Total params"), s.out());
  }

  @Test
  void previewWritesTheGuidesGrids() throws Exception {
    Path out = tmp.resolve("grid.png");
    Run r =
        graft(
            "preview",
            "--data",
            data.toString(),
            "--image-size",
            "32",
            "--augment",
            "flip,rotate=0.1",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    // 3 cells of 32 px drawn at scale 4 (128 px), padded by 10, each with a 22 px title strip.
    BufferedImage grid = ImageIO.read(out.toFile());
    assertEquals(3 * 128 + 4 * 10, grid.getWidth());
    assertEquals(3 * (128 + 22) + 4 * 10, grid.getHeight());
    BufferedImage aug = ImageIO.read(tmp.resolve("grid-augmented.png").toFile());
    assertEquals(3 * 128 + 4 * 10, aug.getWidth());
    assertEquals(3 * 128 + 4 * 10, aug.getHeight());
  }

  @Test
  void resumeContinuesAnInterruptedRun() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("resumed"));
    Path model = dir.resolve("m.keras");
    Run first = graft(train(model, "--stop-after-epochs", "1"));
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("continue with --resume"), first.out());
    assertFalse(Files.exists(model));
    JsonNode state = new ObjectMapper().readTree(dir.resolve("m.state.json").toFile());
    assertEquals(1, state.get("phase").asInt());
    assertEquals(1, state.get("epochsDone").asInt());
    assertEquals(2, Files.readAllLines(dir.resolve("m.log.csv")).size());

    long checkpointSteps = adamSteps(dir.resolve("m.checkpoint.keras"));
    assertTrue(checkpointSteps > 0, "the checkpoint holds Adam's state after epoch 1");

    Path copy = Files.createDirectories(tmp.resolve("resumed-copy"));
    for (String f : List.of("m.checkpoint.keras", "m.state.json", "m.log.csv")) {
      Files.copy(dir.resolve(f), copy.resolve(f));
    }

    Run second = graft("train", "--resume", "--out", model.toString());
    assertEquals(0, second.code(), second.err() + second.out());
    assertTrue(second.out().contains("Resuming from epoch 2 (feature extraction)"), second.out());
    assertTrue(
        second
            .out()
            .contains("Continuing Adam from the checkpoint's state (step " + checkpointSteps + ","),
        second.out());
    assertTrue(second.out().contains("Epoch 2/2"), second.out());
    assertFalse(second.out().contains("Epoch 1/2"), second.out());
    assertTrue(Files.exists(model));
    List<String> csv = Files.readAllLines(dir.resolve("m.log.csv"));
    assertEquals(4, csv.size(), csv.toString());
    for (int e = 0; e < 3; e++) {
      assertTrue(csv.get(e + 1).startsWith(e + ","), csv.toString());
    }
    JsonNode done = new ObjectMapper().readTree(dir.resolve("m.state.json").toFile());
    assertTrue(done.get("finished").asBoolean());
    assertEquals(3, done.get("epochsDone").asInt());
    assertEquals(2, done.get("phase1Epochs").asInt());
    assertEquals(3, done.get("epochLogs").size());

    // Resuming the same interruption twice gives the same model, bit for bit: the resume point
    // seeds the layers' random draws (augmentation, dropout).
    Run twin = graft("train", "--resume", "--out", copy.resolve("m.keras").toString());
    assertEquals(0, twin.code(), twin.err() + twin.out());
    List<Tensor> a = ModelFiles.load(model).getWeights();
    List<Tensor> b = ModelFiles.load(copy.resolve("m.keras")).getWeights();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).toFloatArray(), b.get(i).toFloatArray(), "weight " + i);
    }
  }

  @Test
  void resumeContinuesInTheFineTuningPhase() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("resumed2"));
    Path model = dir.resolve("m.keras");
    Run first = graft(train(model, "--fine-tune-epochs", "2", "--stop-after-epochs", "3"));
    assertEquals(0, first.code(), first.err());
    JsonNode state = new ObjectMapper().readTree(dir.resolve("m.state.json").toFile());
    assertEquals(2, state.get("phase").asInt());
    assertEquals(3, state.get("epochsDone").asInt());
    assertEquals(2, state.get("phase1Epochs").asInt());

    Run second = graft("train", "--resume", "--out", model.toString());
    assertEquals(0, second.code(), second.err() + second.out());
    assertTrue(second.out().contains("Resuming from epoch 4 (fine-tuning)"), second.out());
    assertFalse(second.out().contains("Phase 1"), second.out());
    assertTrue(second.out().contains("Epoch 4/4"), second.out());
    List<String> csv = Files.readAllLines(dir.resolve("m.log.csv"));
    assertEquals(5, csv.size(), csv.toString());
    assertTrue(csv.get(4).startsWith("3,"), csv.toString());
    Run again = graft("train", "--resume", "--out", model.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("has already finished"), again.err());

    // The independent expectation: the same run, not interrupted. Its fine-tuning Adam took the
    // steps of two epochs; a resume that restarted Adam would have counted one epoch's only.
    Path whole = Files.createDirectories(tmp.resolve("uninterrupted2")).resolve("m.keras");
    Run reference = graft(train(whole, "--fine-tune-epochs", "2"));
    assertEquals(0, reference.code(), reference.err() + reference.out());
    long expected = adamSteps(whole);
    assertEquals(0, expected % 2, "two fine-tuning epochs of equal length");
    assertEquals(expected, adamSteps(model), "Adam's step count after the resumed run");
  }

  /** The step count of the Adam saved in a {@code .keras} file. */
  private static long adamSteps(Path file) throws Exception {
    Model m = ModelFiles.load(file);
    assertTrue(m.trainer().isCompiled(), file + " is saved compiled");
    assertEquals("Adam", m.trainer().optimizer().name());
    return m.trainer().optimizer().iterations();
  }
}
