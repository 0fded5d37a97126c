package dev.graft.bench;

import dev.graft.data.Dataset;
import dev.graft.data.DatasetIterator;
import dev.graft.data.image.ColorMode;
import dev.graft.data.image.ImageDecodeException;
import dev.graft.data.image.ImageDecoder;
import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.datasets.Datasets;
import dev.graft.datasets.LabeledImages;
import dev.graft.layers.preprocessing.GeometryOptions;
import dev.graft.layers.preprocessing.RandomFlip;
import dev.graft.layers.preprocessing.RandomRotation;
import dev.graft.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The {@code data} suite: the guide's input pipeline on JPEG photos, decode + resize to 150x150 +
 * RandomFlip("horizontal") + RandomRotation(0.1) + batch 32, with a parallel map on two threads, in
 * images per second.
 *
 * <p>The photos are made here: 500x375 JPEGs (quality 0.9) drawn from Fashion-MNIST images scaled
 * up, tinted with a colour per image over a smooth two-colour background, plus Gaussian noise
 * (sigma 6) so the JPEGs carry photo-like detail; without Fashion-MNIST, the background and noise
 * alone.
 */
final class DataCases {
  static final int PHOTOS = 128;
  static final int WIDTH = 500;
  static final int HEIGHT = 375;
  static final int SIZE = 150;
  static final int THREADS = 2;
  static final int BATCH = 32;

  private DataCases() {}

  static List<BenchCase> all() {
    return List.of(new PipelineCase());
  }

  /** Decode, resize, flip, rotate, batch: one pass over the photos per timed run. */
  static final class PipelineCase implements BenchCase {
    @Override
    public String name() {
      return "data.decode_resize_flip_rotate_batch";
    }

    @Override
    public BenchResult run() {
      Path dir = null;
      try {
        dir = Files.createTempDirectory("graft-bench-photos");
        List<Path> photos = writePhotos(dir, PHOTOS);
        Dataset<Tensor> pipeline = pipeline(photos);
        double[] rates =
            Timing.rates(
                () -> {
                  long n = 0;
                  try (DatasetIterator<Tensor> it = pipeline.iterator()) {
                    while (it.hasNext()) {
                      n += it.next().shape().dim(0);
                    }
                  }
                  if (n != PHOTOS) {
                    throw new IllegalStateException("expected " + PHOTOS + " images, got " + n);
                  }
                },
                PHOTOS,
                2.0,
                7);
        String shape =
            PHOTOS
                + "x JPEG "
                + WIDTH
                + "x"
                + HEIGHT
                + " -> "
                + SIZE
                + "x"
                + SIZE
                + ", batch "
                + BATCH;
        return BenchResult.of(name(), shape, THREADS, "images/s", rates);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteQuietly(dir);
      }
    }
  }

  /**
   * The pipeline: each worker thread holds its own augmentation layers (a layer's generator is not
   * thread-safe), seeded per thread.
   */
  static Dataset<Tensor> pipeline(List<Path> photos) {
    AtomicLong seeds = new AtomicLong(1337);
    ThreadLocal<Augment> perThread =
        ThreadLocal.withInitial(() -> new Augment(seeds.getAndIncrement()));
    return Dataset.fromList(photos)
        .map(
            p -> {
              try {
                Tensor image = ImageDecoder.decode(p, ColorMode.RGB);
                Tensor small = ImageResize.resize(image, SIZE, SIZE, Interpolation.BILINEAR);
                return perThread.get().apply(small);
              } catch (ImageDecodeException e) {
                throw new UncheckedIOException(e);
              }
            },
            THREADS)
        .batch(BATCH, false);
  }

  /** RandomFlip("horizontal") then RandomRotation(0.1), in training mode. */
  private static final class Augment {
    private final RandomFlip flip;
    private final RandomRotation rotation;

    Augment(long seed) {
      flip = new RandomFlip("horizontal", seed, null);
      rotation = new RandomRotation(0.1, GeometryOptions.defaults().seed(seed + 1000));
    }

    Tensor apply(Tensor image) {
      return rotation.apply(flip.apply(image, true), true);
    }
  }

  static List<Path> writePhotos(Path dir, int count) throws IOException {
    LabeledImages source = fashionMnistOrNull();
    SplittableRandom rng = new SplittableRandom(42);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage img = photo(source, i, rng);
      Path p = dir.resolve(String.format("photo_%04d.jpg", i));
      writeJpeg(img, p, 0.9f);
      out.add(p);
    }
    return out;
  }

  private static LabeledImages fashionMnistOrNull() {
    try {
      return Datasets.fashionMnist().train();
    } catch (UncheckedIOException e) {
      System.err.println("graft-bench data: Fashion-MNIST not found, photos are gradients only");
      return null;
    }
  }

  private static BufferedImage photo(LabeledImages source, int i, SplittableRandom rng) {
    float[] garment = null;
    if (source != null) {
      Tensor t = source.images();
      int per = 28 * 28;
      float[] all = t.toFloatArray();
      float[] one = new float[per];
      System.arraycopy(all, (i % source.size()) * per, one, 0, per);
      garment =
          ImageResize.resize(Tensor.of(one, 28, 28, 1), HEIGHT, WIDTH, Interpolation.BILINEAR)
              .toFloatArray();
    }
    int[] bgA = {rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)};
    int[] bgB = {rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)};
    double[] tint = {
      0.4 + 0.6 * rng.nextDouble(), 0.4 + 0.6 * rng.nextDouble(), 0.4 + 0.6 * rng.nextDouble()
    };
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double f = (x + y) / (double) (WIDTH + HEIGHT);
        double a = garment == null ? 0 : garment[y * WIDTH + x] / 255.0;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          double bg = bgA[c] * (1 - f) + bgB[c] * f;
          double v = bg * (1 - a) + 255 * tint[c] * a + 6 * gaussian(rng);
          rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, Math.round(v)));
        }
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  private static double gaussian(SplittableRandom rng) {
    double u;
    double v;
    double s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  private static void writeJpeg(BufferedImage img, Path p, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(p.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("graft-bench: could not delete " + dir + ": " + e);
    }
  }
}
