package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path root;

  private Path touch(String rel) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[] {1});
  }

  @Test
  void listsImagesSortedAndLabelsBySortedSubfolders() throws Exception {
    touch("Dog/b.jpg");
    touch("Dog/a.PNG");
    touch("Dog/notes.txt");
    touch("Cat/z.jpeg");
    touch("Cat/sub/y.gif");
    touch("Cat/x.bmp");
    touch("top.jpg");
    ImageFiles.Index index = ImageFiles.index(root, null);
    assertEquals(List.of("Cat", "Dog"), index.classNames());
    List<String> names =
        index.files().stream().map(p -> root.relativize(p).toString()).collect(Collectors.toList());
    assertEquals(
        List.of("Cat/x.bmp", "Cat/z.jpeg", "Cat/sub/y.gif", "Dog/a.PNG", "Dog/b.jpg"), names);
    assertArrayEquals(new int[] {0, 0, 0, 1, 1}, index.labels());
    assertEquals("Found 5 files belonging to 2 classes.", index.foundMessage());
    ImageFiles.Index given = ImageFiles.index(root, List.of("Dog", "Cat"));
    assertArrayEquals(new int[] {0, 0, 1, 1, 1}, given.labels());
    assertThrows(IllegalArgumentException.class, () -> ImageFiles.index(root, List.of("Cow")));
    assertEquals(6, ImageFiles.list(root).size());
  }

  @Test
  void reportSkipsEachBadFileOnceAndCounts() throws Exception {
    Path good = root.resolve("good.png");
    ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", good.toFile());
    Path bad = Files.write(root.resolve("bad.jpg"), new byte[0]);
    List<String> log = new ArrayList<>();
    DecodeReport report = new DecodeReport(log::add);
    for (int epoch = 0; epoch < 2; epoch++) {
      assertTrue(report.decodeOrSkip(good, ColorMode.RGB).isPresent());
      assertTrue(report.decodeOrSkip(bad, ColorMode.RGB).isEmpty());
    }
    assertEquals(1, log.size());
    assertTrue(log.get(0).contains("bad.jpg"), log.get(0));
    assertEquals(1, report.skippedCount());
    assertEquals(List.of(bad), report.skippedFiles());
    assertEquals(2, report.decodedCount());
    assertEquals("Skipped 1 file that could not be decoded.", report.summary());
  }
}
