package dev.graft.applications;

import dev.graft.io.download.RemoteFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The names of a classifier's classes, read from a file in the format of Keras's {@code
 * imagenet_class_index.json}: {@code {"0": ["n01440764", "tench"], "1": [...], ...}}, one entry per
 * class index from 0 up, each with a WordNet id and a description.
 *
 * <p>Keras fetches ImageNet's file once from {@link #IMAGENET} and caches it, as it does weights.
 */
public final class ClassIndex {
  /** Where Keras fetches ImageNet's class index (1000 classes) and the MD5 it checks. */
  public static final RemoteFile IMAGENET =
      Builds.kerasFile(
          "imagenet_class_index.json",
          "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
          "c2c37ea517e94d9795004a39431a14cb");

  private final String[] wnids;
  private final String[] descriptions;

  private ClassIndex(String[] wnids, String[] descriptions) {
    this.wnids = wnids;
    this.descriptions = descriptions;
  }

  /**
   * ImageNet's 1000 classes, from Keras's file {@code imagenet_class_index.json}: found in Keras's
   * cache or graft's, or downloaded into graft's cache and MD5-checked, as weights are (see {@link
   * PretrainedWeights}).
   *
   * @throws IOException if the file is in no cache and cannot be downloaded; the message says where
   *     to put it
   */
  public static ClassIndex imagenet() throws IOException {
    return imagenet(ModelFileCache.defaults());
  }

  static ClassIndex imagenet(WeightsSource source) throws IOException {
    return read(source.locate(IMAGENET));
  }

  /**
   * Reads a class index file.
   *
   * @throws IOException if the file cannot be read, or (as {@link IllegalArgumentException}) if it
   *     is not a class index, with the file and the reason
   */
  public static ClassIndex read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "class index "
              + file
              + ": "
              + e.getMessage()
              + " (expected {\"0\": [\"n01440764\","
              + " \"tench\"], ...} as Keras's imagenet_class_index.json)",
          e);
    }
  }

  /** Parses the JSON text of a class index. */
  static ClassIndex parse(String text) {
    JsonReader r = new JsonReader(text);
    List<String[]> byIndex = new ArrayList<>();
    r.expect('{');
    if (!r.tryConsume('}')) {
      do {
        String key = r.string();
        int index = classNumber(key);
        r.expect(':');
        r.expect('[');
        String wnid = r.string();
        r.expect(',');
        String description = r.string();
        r.expect(']');
        while (byIndex.size() <= index) {
          byIndex.add(null);
        }
        if (byIndex.get(index) != null) {
          throw new IllegalArgumentException("class " + index + " appears twice");
        }
        byIndex.set(index, new String[] {wnid, description});
      } while (r.tryConsume(','));
      r.expect('}');
    }
    r.end();
    if (byIndex.isEmpty()) {
      throw new IllegalArgumentException("no classes");
    }
    String[] w = new String[byIndex.size()];
    String[] d = new String[byIndex.size()];
    for (int i = 0; i < w.length; i++) {
      if (byIndex.get(i) == null) {
        throw new IllegalArgumentException("class " + i + " is missing");
      }
      w[i] = byIndex.get(i)[0];
      d[i] = byIndex.get(i)[1];
    }
    return new ClassIndex(w, d);
  }

  private static int classNumber(String key) {
    if (!key.matches("0|[1-9][0-9]{0,8}")) {
      throw new IllegalArgumentException("key \"" + key + "\" is not a class number");
    }
    return Integer.parseInt(key);
  }

  /** The number of classes. */
  public int size() {
    return wnids.length;
  }

  /** The WordNet id of class {@code i}, e.g. {@code n01440764}. */
  public String wnid(int i) {
    return wnids[i];
  }

  /** The description of class {@code i}, e.g. {@code tench}. */
  public String description(int i) {
    return descriptions[i];
  }

  @Override
  public String toString() {
    return "ClassIndex" + Arrays.asList(size(), size() > 0 ? descriptions[0] + ", ..." : "");
  }
}
