package dev.graft.cli.train;

import dev.graft.cli.UserError;
import dev.graft.layers.Layer;
import dev.graft.layers.preprocessing.RandomContrast;
import dev.graft.layers.preprocessing.RandomFlip;
import dev.graft.layers.preprocessing.RandomRotation;
import dev.graft.layers.preprocessing.RandomTranslation;
import dev.graft.layers.preprocessing.RandomZoom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --augment}: a comma-separated list of the guide's random layers, in order: {@code flip}
 * (horizontal; {@code flip=vertical} or {@code flip=horizontal_and_vertical}), {@code rotate=F},
 * {@code zoom=F}, {@code translate=F}, {@code contrast=F}. For example {@code flip,rotate=0.1}.
 */
final class Augmentation {
  private Augmentation() {}

  /** The layers {@code spec} names; empty for a null or blank spec. */
  static List<Layer> layers(String spec) {
    List<Layer> layers = new ArrayList<>();
    if (spec == null || spec.isBlank() || spec.equals("none")) {
      return layers;
    }
    for (String item : spec.split(",")) {
      String[] kv = item.strip().split("=", 2);
      String key = kv[0].toLowerCase(Locale.ROOT);
      String value = kv.length > 1 ? kv[1].strip() : null;
      try {
        add(layers, key, value, item);
      } catch (IllegalArgumentException e) {
        throw new UserError("--augment " + item.strip() + ": " + e.getMessage(), e);
      }
    }
    return layers;
  }

  private static void add(List<Layer> layers, String key, String value, String item) {
    switch (key) {
      case "flip" -> layers.add(new RandomFlip(value == null ? "horizontal" : value));
      case "rotate" -> layers.add(new RandomRotation(factor(item, value)));
      case "zoom" -> layers.add(new RandomZoom(factor(item, value)));
      case "translate" -> {
        double f = factor(item, value);
        layers.add(new RandomTranslation(f, f));
      }
      case "contrast" -> layers.add(new RandomContrast(factor(item, value)));
      default -> throw unknown(item);
    }
  }

  private static double factor(String item, String value) {
    if (value == null) {
      throw new UserError(
          "--augment " + item + ": give a factor, for example " + item.strip() + "=0.1");
    }
    try {
      double f = Double.parseDouble(value);
      if (!(f > 0 && f <= 1)) {
        throw new NumberFormatException();
      }
      return f;
    } catch (NumberFormatException e) {
      throw new UserError("--augment " + item + ": the factor must be a number in (0, 1]", e);
    }
  }

  private static UserError unknown(String item) {
    return new UserError(
        "--augment: unknown augmentation '"
            + item.strip()
            + "'; use flip, rotate=F, zoom=F, translate=F or contrast=F, comma-separated");
  }
}
