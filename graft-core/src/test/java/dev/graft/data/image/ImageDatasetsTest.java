package dev.graft.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.data.FileDataset;
import dev.graft.initializers.Seeds;
import dev.graft.layers.core.Dense;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.losses.SparseCategoricalCrossentropy;
import dev.graft.models.Sequential;
import dev.graft.optimizers.Adam;
import dev.graft.tensor.Tensor;
import dev.graft.training.Batch;
import dev.graft.training.FitOptions;
import dev.graft.training.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of two classes, every image one flat colour that encodes its class (red channel) and its
 * number (blue channel), in each of the four formats, plus one file of each broken kind.
 */
class ImageDatasetsTest {
  private static final String[] CLASSES = {"cat", "dog"};
  private static final int[] CLASS_RED = {40, 210};
  private static final String[] FORMATS = {"png", "jpg", "bmp", "gif", "png"};
  private static final int PER_CLASS = FORMATS.length;
  private static final int BROKEN = 3;

  @TempDir Path root;
  private Path pets;
  private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

  @BeforeEach
  void makeFolder() throws Exception {
    pets = root.resolve("pets");
    for (int c = 0; c < CLASSES.length; c++) {
      Path dir = Files.createDirectories(pets.resolve(CLASSES[c]));
      for (int k = 0; k < PER_CLASS; k++) {
        // Sizes differ per file, so resizing is exercised; odd shapes on purpose.
        BufferedImage img = new BufferedImage(20 + 7 * k, 31 - 3 * k, BufferedImage.TYPE_INT_RGB);
        int rgb = (CLASS_RED[c] << 16) | (100 << 8) | blue(k);
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            img.setRGB(x, y, rgb);
          }
        }
        String name = "img" + k + "." + FORMATS[k];
        assertTrue(ImageIO.write(img, FORMATS[k], dir.resolve(name).toFile()), FORMATS[k]);
      }
    }
    // One broken file of each kind; only the .jpg name makes them candidates.
    Files.write(pets.resolve("cat/empty.jpg"), new byte[0]);
    BufferedImage big = ImageDecoderTest.gradient(64, 64, BufferedImage.TYPE_INT_RGB);
    Path whole = root.resolve("whole.jpg");
    ImageIO.write(big, "jpg", whole.toFile());
    byte[] jpeg = Files.readAllBytes(whole);
    Files.write(pets.resolve("dog/truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Files.writeString(pets.resolve("dog/notes.jpg"), "these are not pixels\n");
    Files.writeString(pets.resolve("dog/readme.txt"), "ignored: not an image name\n");
    // A hidden folder is not a class; a top-level file is not in any class.
    Path hidden = Files.createDirectories(pets.resolve(".thumbs"));
    BufferedImage thumb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        thumb.setRGB(x, y, (CLASS_RED[0] << 16) | (100 << 8) | blue(4));
      }
    }
    ImageIO.write(thumb, "png", hidden.resolve("t.png").toFile());
  }

  private static int blue(int k) {
    return 20 + 40 * k;
  }

  private ImageDatasetOptions options() {
    return ImageDatasetOptions.defaults()
        .imageSize(6, 5)
        .batchSize(4)
        .parallelism(2)
        .out(new PrintStream(outBuf, true, StandardCharsets.UTF_8))
        .err(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
  }

  private List<String> outLines() {
    return outBuf.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private List<String> errLines() {
    return errBuf.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** (class, number) of an image from its colour; fails unless the image is one flat colour. */
  private static int[] identify(Tensor image) {
    float[] v = image.toFloatArray();
    int c = image.shape().dim(2);
    float r = v[0];
    float b = v[2];
    for (int p = 0; p < v.length / c; p++) {
      assertTrue(Math.abs(v[p * c] - r) < 1e-3 && Math.abs(v[p * c + 2] - b) < 1e-3, "flat");
    }
    int cls = -1;
    for (int k = 0; k < CLASS_RED.length; k++) {
      if (Math.abs(r - CLASS_RED[k]) <= 6) {
        cls = k;
      }
    }
    int num = Math.round((b - 20) / 40f);
    assertTrue(cls >= 0 && Math.abs(b - blue(num)) <= 6, "unexpected colour " + r + ", " + b);
    return new int[] {cls, num};
  }

  /** Images of one pass, each identified, with the label rows the batches gave. */
  private record Seen(List<int[]> ids, List<float[]> labels, List<Integer> batchSizes) {}

  private static Seen pass(Iterable<Batch> ds) {
    Seen s = new Seen(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Batch b : ds) {
      int n = b.size();
      s.batchSizes().add(n);
      for (int i = 0; i < n; i++) {
        s.ids().add(identify(row(b.x(), i)));
        if (b.y() != null) {
          s.labels().add(row(b.y(), i).toFloatArray());
        }
      }
    }
    return s;
  }

  private static Tensor row(Tensor t, int i) {
    int[] d = t.shape().dims();
    int per = t.size() / d[0];
    float[] v = Arrays.copyOfRange(t.toFloatArray(), i * per, (i + 1) * per);
    return Tensor.of(v, Arrays.copyOfRange(d, 1, d.length));
  }

  @Test
  void findsCountsAndSkipsBrokenFilesWithOneWarningEachAndACountPerPass() {
    FileDataset<Batch> ds = ImageDatasets.fromDirectory(pets, options());
    int files = 2 * PER_CLASS + BROKEN;
    assertEquals(List.of("Found " + files + " files belonging to 2 classes."), outLines());
    assertEquals(List.of("cat", "dog"), ds.classNames());
    assertEquals(files, ds.filePaths().size());
    assertEquals(FileDataset.UNKNOWN_CARDINALITY, ds.cardinality());

    for (int epoch = 0; epoch < 2; epoch++) {
      Seen s = pass(ds);
      assertEquals(List.of(4, 4, 2), s.batchSizes());
      assertEquals(2 * PER_CLASS, s.ids().size());
      Set<String> distinct = new HashSet<>();
      for (int i = 0; i < s.ids().size(); i++) {
        int[] id = s.ids().get(i);
        distinct.add(id[0] + "/" + id[1]);
        assertArrayEquals(new float[] {id[0]}, s.labels().get(i), "int label of image " + i);
      }
      assertEquals(2 * PER_CLASS, distinct.size(), "every good image once");
    }
    List<String> err = errLines();
    List<String> warnings = err.stream().filter(l -> l.startsWith("WARNING")).toList();
    assertEquals(BROKEN, warnings.size(), err.toString());
    for (String name : List.of("empty.jpg", "truncated.jpg", "notes.jpg")) {
      assertEquals(1, warnings.stream().filter(w -> w.contains(name)).count(), name);
    }
    String summary =
        "Skipped " + BROKEN + " files of " + files + " that could not be decoded in this pass.";
    assertEquals(2, err.stream().filter(summary::equals).count(), err.toString());
    assertEquals(0, workerThreads());
  }

  @Test
  void labelModesEncodeTheClass() {
    for (String mode : List.of("binary", "categorical")) {
      Seen s = pass(ImageDatasets.fromDirectory(pets, options().labelMode(mode).shuffle(false)));
      assertEquals(2 * PER_CLASS, s.ids().size());
      for (int i = 0; i < s.ids().size(); i++) {
        int cls = s.ids().get(i)[0];
        float[] expected = mode.equals("binary") ? new float[] {cls} : new float[] {1 - cls, cls};
        assertArrayEquals(expected, s.labels().get(i), mode + " label of image " + i);
      }
    }
    // No labels: the whole tree, the hidden folder included, as Keras indexes it then.
    FileDataset<Batch> none = ImageDatasets.fromDirectory(pets, options().labelMode((String) null));
    assertNull(none.classNames());
    int images = 0;
    for (Batch b : none) {
      assertNull(b.y());
      images += b.size();
    }
    assertEquals(2 * PER_CLASS + 1, images);
    assertEquals(
        List.of(
            "Found 13 files belonging to 2 classes.",
            "Found 13 files belonging to 2 classes.",
            "Found 14 files."),
        outLines());
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageDatasets.fromDirectory(pets, options().classNames(List.of("a", "b", "c"))));
  }

  @Test
  void givenClassNamesChooseAndOrderTheClasses() {
    Seen s =
        pass(
            ImageDatasets.fromDirectory(pets, options().classNames(List.of("dog")).shuffle(false)));
    assertEquals(PER_CLASS, s.ids().size());
    for (int i = 0; i < PER_CLASS; i++) {
      assertEquals(1, s.ids().get(i)[0], "only dogs");
      assertEquals(i, s.ids().get(i)[1], "sorted file order without shuffle");
      assertArrayEquals(new float[] {0}, s.labels().get(i));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageDatasets.fromDirectory(pets, options().classNames(List.of("cow"))));
    assertTrue(e.getMessage().contains("[cat, dog]"), e.getMessage());
  }

  @Test
  void explicitLabelsFollowTheSortedFileOrder() {
    // Sorted path order of the whole tree: .thumbs/t.png, cat/..., dog/...
    List<Path> all = ImageFiles.list(pets);
    int[] labels = new int[all.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = all.get(i).getFileName().toString().startsWith("img3") ? 1 : 0;
    }
    FileDataset<Batch> ds =
        ImageDatasets.fromDirectory(pets, options().labels(labels).shuffle(false));
    assertEquals(List.of("0", "1"), ds.classNames());
    Seen s = pass(ds);
    for (int i = 0; i < s.ids().size(); i++) {
      float expected = s.ids().get(i)[1] == 3 ? 1 : 0;
      assertArrayEquals(new float[] {expected}, s.labels().get(i));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageDatasets.fromDirectory(pets, options().labels(0, 1)));
  }

  @Test
  void validationSplitShufflesFirstThenTakesTheTrainingPartFirst() {
    ImageDatasetOptions both = options().validationSplit(0.25).subset("both").seed(7L);
    TrainValidation<Batch> tv = ImageDatasets.fromDirectoryBoth(pets, both);
    int files = 2 * PER_CLASS + BROKEN;
    int numVal = (int) (0.25 * files);
    assertEquals(
        List.of(
            "Found 13 files belonging to 2 classes.",
            "Using " + (files - numVal) + " files for training.",
            "Using " + numVal + " files for validation."),
        outLines());
    List<Path> train = tv.training().filePaths();
    List<Path> val = tv.validation().filePaths();
    assertEquals(files - numVal, train.size());
    assertEquals(numVal, val.size());
    Set<Path> union = new HashSet<>(train);
    union.addAll(val);
    assertEquals(files, union.size(), "disjoint, and together every file");

    // The global shuffle happened before the split: the training part is not just the sorted head.
    List<Path> sorted = ImageFiles.index(pets, null).files();
    assertNotEquals(sorted.subList(0, train.size()), train);

    // The same seed gives the same subsets when asked one at a time; another seed, others.
    ImageDatasetOptions one = options().validationSplit(0.25).seed(7L);
    assertEquals(train, ImageDatasets.fromDirectory(pets, one.subset("training")).filePaths());
    assertEquals(val, ImageDatasets.fromDirectory(pets, one.subset("validation")).filePaths());
    assertNotEquals(
        train,
        ImageDatasets.fromDirectory(
                pets, options().validationSplit(0.25).seed(8L).subset("training"))
            .filePaths());

    // Decoded images agree with the file lists: nothing crosses the split.
    Set<String> trainIds = new HashSet<>();
    for (int[] id : pass(tv.training()).ids()) {
      trainIds.add(id[0] + "/" + id[1]);
    }
    for (int[] id : pass(tv.validation()).ids()) {
      assertTrue(!trainIds.contains(id[0] + "/" + id[1]), "validation image in training");
    }
  }

  @Test
  void seedsFixTheOrderAndEachPassReshuffles() {
    ImageDatasetOptions seeded = options().seed(3L);
    List<String> first = order(ImageDatasets.fromDirectory(pets, seeded));
    FileDataset<Batch> again = ImageDatasets.fromDirectory(pets, options().seed(3L));
    assertEquals(first, order(again), "same seed, same first pass");
    assertNotEquals(order(again), order(again), "passes 2 and 3 differ");
    assertNotEquals(first, order(ImageDatasets.fromDirectory(pets, options().seed(4L))));
  }

  private static List<String> order(Iterable<Batch> ds) {
    List<String> out = new ArrayList<>();
    for (int[] id : pass(ds).ids()) {
      out.add(id[0] + "/" + id[1]);
    }
    return out;
  }

  @Test
  void kerasArgumentErrors() {
    IllegalArgumentException noSeed =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ImageDatasets.fromDirectory(
                    pets, options().validationSplit(0.2).subset("training")));
    assertTrue(noSeed.getMessage().contains("you must provide a seed"), noSeed.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageDatasets.fromDirectory(pets, options().subset("training").seed(1L)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageDatasets.fromDirectory(pets, options().validationSplit(0.2).seed(1L)));
    assertThrows(IllegalArgumentException.class, () -> options().validationSplit(1.0));
    assertThrows(IllegalArgumentException.class, () -> options().labelMode("sparse"));
    assertThrows(IllegalArgumentException.class, () -> options().interpolation("lanczos3"));
    // Keras's wording for a wrong class count with binary labels.
    IllegalArgumentException binary =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ImageDatasets.fromDirectory(
                    pets, options().labelMode("binary").classNames(List.of("dog"))));
    assertTrue(binary.getMessage().contains("exactly 2 classNames"), binary.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ImageDatasets.fromDirectory(
                pets, options().labels(new int[14]).classNames(List.of("cat"))));
    // Without a seed and without a split, shuffling is allowed.
    outBuf.reset();
    ImageDatasets.fromDirectory(pets, options().verbose(false));
    assertEquals(List.of(), outLines(), "verbose(false) prints nothing");
  }

  @Test
  void emptyFolderFailsWithKerasMessage() throws Exception {
    Path empty = Files.createDirectories(root.resolve("empty/cls"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageDatasets.fromDirectory(empty.getParent(), options()));
    assertTrue(e.getMessage().startsWith("No images found in directory"), e.getMessage());
    assertEquals(List.of("Found 0 files belonging to 1 classes."), outLines());
  }

  @Test
  void unbatchedSamplesAndGrayscale() {
    FileDataset<Tensor[]> ds =
        ImageDatasets.samplesFromDirectory(pets, options().colorMode("grayscale").shuffle(false));
    int n = 0;
    for (Tensor[] s : ds) {
      assertEquals(2, s.length);
      assertArrayEquals(new int[] {6, 5, 1}, s[0].shape().dims());
      assertEquals(0, s[1].rank());
      n++;
    }
    assertEquals(2 * PER_CLASS, n);
  }

  @Test
  void resizeAndCropToAspectRatioMatchAnIndependentComputation() throws Exception {
    Path dir = Files.createDirectories(root.resolve("one/only"));
    BufferedImage img = ImageDecoderTest.gradient(40, 24, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(img, "png", dir.resolve("g.png").toFile());
    for (boolean crop : new boolean[] {false, true}) {
      ImageDatasetOptions o = options().imageSize(12, 12).shuffle(false).cropToAspectRatio(crop);
      Tensor x = ImageDatasets.fromDirectory(root.resolve("one"), o).iterator().next().x();
      // Keras's crop box: the largest centred 1:1 window of a 40x24 image is 24x24 at x = 8.
      int left = crop ? (40 - 24) / 2 : 0;
      int w = crop ? 24 : 40;
      float[] got = x.toFloatArray();
      float worst = 0;
      for (int oy = 0; oy < 12; oy++) {
        for (int ox = 0; ox < 12; ox++) {
          for (int ch = 0; ch < 3; ch++) {
            float want = bilinear(img, left, w, 24, ox, oy, 12, 12, ch);
            worst = Math.max(worst, Math.abs(want - got[(oy * 12 + ox) * 3 + ch]));
          }
        }
      }
      assertTrue(worst < 1e-3, "crop=" + crop + ": worst difference " + worst);
    }
  }

  /** Half-pixel bilinear sampling of the window {@code [left, left + w)} of {@code img}. */
  private static float bilinear(
      BufferedImage img, int left, int w, int h, int ox, int oy, int outW, int outH, int ch) {
    double sx = (ox + 0.5) * w / outW - 0.5;
    double sy = (oy + 0.5) * h / outH - 0.5;
    int x0 = (int) Math.floor(sx);
    int y0 = (int) Math.floor(sy);
    double fx = sx - x0;
    double fy = sy - y0;
    double v = 0;
    for (int dy = 0; dy <= 1; dy++) {
      for (int dx = 0; dx <= 1; dx++) {
        int px = Math.max(0, Math.min(w - 1, x0 + dx));
        int py = Math.max(0, Math.min(h - 1, y0 + dy));
        int rgb = img.getRGB(left + px, py);
        int c = (rgb >> (16 - 8 * ch)) & 0xff;
        v += c * (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy);
      }
    }
    return (float) v;
  }

  @Test
  void fitTrainsOnAFolderDataset() {
    Seeds.setGlobalSeed(5);
    FileDataset<Batch> ds = ImageDatasets.fromDirectory(pets, options().seed(1L).verbose(false));
    Sequential model =
        new Sequential()
            .withInput(6, 5, 3)
            .add(new GlobalAveragePooling2D())
            .add(new Dense(Dense.units(2)));
    model.compile(new Adam(0.01f), new SparseCategoricalCrossentropy(true));
    History h = model.fit(ds, FitOptions.defaults().epochs(2).verbose(0));
    assertEquals(2, h.get("loss").size());
  }

  private static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("graft-data-map"))
        .count();
  }
}
