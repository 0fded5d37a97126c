package dev.graft.saving.config;

import dev.graft.data.image.Interpolation;
import dev.graft.layers.preprocessing.CenterCrop;
import dev.graft.layers.preprocessing.GeometryOptions;
import dev.graft.layers.preprocessing.Normalization;
import dev.graft.layers.preprocessing.RandomBrightness;
import dev.graft.layers.preprocessing.RandomContrast;
import dev.graft.layers.preprocessing.RandomCrop;
import dev.graft.layers.preprocessing.RandomFlip;
import dev.graft.layers.preprocessing.RandomRotation;
import dev.graft.layers.preprocessing.RandomTranslation;
import dev.graft.layers.preprocessing.RandomZoom;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.layers.preprocessing.Resizing;
import java.util.List;

/** Rescaling, Resizing, CenterCrop, Normalization and the random image layers. */
final class PreprocessingLayerCodecs {
  private PreprocessingLayerCodecs() {}

  static List<LayerCodec<?>> all() {
    return List.of(
        LayerCodec.of(
            "Rescaling",
            Rescaling.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> {
              // A single value as a number, per-channel values as a list, as Keras writes them.
              putOneOrList(c, "scale", l.scales());
              putOneOrList(c, "offset", l.offsets());
            },
            c ->
                new Rescaling(
                    floatsOr(c.doubles("scale"), 1f),
                    floatsOr(c.doubles("offset"), 0f),
                    c.layerName())),
        LayerCodec.of(
            "Resizing",
            Resizing.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("height", l.height())
                    .put("width", l.width())
                    .put("interpolation", l.interpolation().kerasName())
                    .put("crop_to_aspect_ratio", l.cropToAspectRatio())
                    .put("pad_to_aspect_ratio", false)
                    .put("fill_mode", "constant")
                    .put("fill_value", 0.0)
                    .put("antialias", false)
                    .put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              c.requireValue("pad_to_aspect_ratio", false);
              c.requireValue("antialias", false);
              return new Resizing(
                  c.intValue("height"),
                  c.intValue("width"),
                  Interpolation.of(c.text("interpolation", "bilinear")),
                  c.bool("crop_to_aspect_ratio", false),
                  c.layerName());
            }),
        LayerCodec.of(
            "CenterCrop",
            CenterCrop.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("height", l.height())
                    .put("width", l.width())
                    .put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              return new CenterCrop(c.intValue("height"), c.intValue("width"), c.layerName());
            }),
        LayerCodec.of(
            "Normalization",
            Normalization.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("axis", new int[] {-1})
                    .put("invert", l.invert())
                    .put("mean", l.givenMean())
                    .put("variance", l.givenVariance()),
            c -> {
              int[] axis = c.has("axis") ? c.ints("axis") : new int[] {-1};
              if (axis.length != 1 || axis[0] != -1) {
                throw c.error(
                    "graft normalizes over the last axis only (axis -1), got axis "
                        + c.get("axis"));
              }
              return new Normalization(
                  floats(c.doubles("mean")),
                  floats(c.doubles("variance")),
                  c.bool("invert", false),
                  c.layerName());
            }),
        LayerCodec.of(
            "RandomFlip",
            RandomFlip.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) -> c.put("data_format", "channels_last").putSeed(l.seed()).put("mode", l.mode()),
            c -> {
              c.requireChannelsLast();
              return new RandomFlip(
                  c.text("mode", "horizontal_and_vertical"), c.seed(), c.layerName());
            }),
        LayerCodec.of(
            "RandomRotation",
            RandomRotation.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("factor", l.factor())
                    .put("fill_mode", l.fillMode())
                    .put("fill_value", l.fillValue())
                    .put("interpolation", l.interpolation())
                    .putSeed(l.seed()),
            c -> {
              double[] f = required(c, "factor");
              return f.length == 1
                  ? new RandomRotation(f[0], geometry(c))
                  : new RandomRotation(f[0], f[1], geometry(c));
            }),
        LayerCodec.of(
            "RandomZoom",
            RandomZoom.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("height_factor", l.heightFactor())
                    .put("width_factor", l.widthFactor())
                    .put("fill_mode", l.fillMode())
                    .put("interpolation", l.interpolation())
                    .putSeed(l.seed())
                    .put("fill_value", l.fillValue()),
            c ->
                new RandomZoom(
                    required(c, "height_factor"), c.doubles("width_factor"), geometry(c))),
        LayerCodec.of(
            "RandomTranslation",
            RandomTranslation.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("height_factor", l.heightFactor())
                    .put("width_factor", l.widthFactor())
                    .put("fill_mode", l.fillMode())
                    .put("interpolation", l.interpolation())
                    .putSeed(l.seed())
                    .put("fill_value", l.fillValue()),
            c ->
                new RandomTranslation(
                    required(c, "height_factor"), required(c, "width_factor"), geometry(c))),
        LayerCodec.of(
            "RandomCrop",
            RandomCrop.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("height", l.height())
                    .put("width", l.width())
                    .putSeed(l.seed()),
            c -> {
              c.requireChannelsLast();
              return new RandomCrop(
                  c.intValue("height"), c.intValue("width"), c.seed(), c.layerName());
            }),
        LayerCodec.of(
            "RandomContrast",
            RandomContrast.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("factor", l.factor())
                    .put("value_range", l.valueRange())
                    .putSeed(l.seed()),
            c -> {
              c.requireChannelsLast();
              float[] range = valueRange(c);
              return new RandomContrast(
                  required(c, "factor"), range[0], range[1], c.seed(), c.layerName());
            }),
        LayerCodec.of(
            "RandomBrightness",
            RandomBrightness.class,
            CallSignature.IMAGE_PREPROCESSING,
            (l, c) ->
                c.put("data_format", "channels_last")
                    .put("factor", l.factor())
                    .put("value_range", l.valueRange())
                    .putSeed(l.seed()),
            c -> {
              c.requireChannelsLast();
              float[] range = valueRange(c);
              return new RandomBrightness(
                  required(c, "factor"), range[0], range[1], c.seed(), c.layerName());
            }));
  }

  private static GeometryOptions geometry(ConfigReader c) {
    c.requireChannelsLast();
    return GeometryOptions.defaults()
        .fillMode(c.text("fill_mode", "reflect"))
        .fillValue(c.floatValue("fill_value", 0f))
        .interpolation(c.text("interpolation", "bilinear"))
        .seed(c.seed())
        .name(c.layerName());
  }

  private static double[] required(ConfigReader c, String key) {
    double[] v = c.doubles(key);
    if (v == null) {
      throw c.error("the setting '" + key + "' is missing");
    }
    return v;
  }

  private static float[] valueRange(ConfigReader c) {
    double[] r = c.doubles("value_range");
    if (r == null) {
      return new float[] {0f, 255f};
    }
    if (r.length != 2) {
      throw c.error("'value_range' must be a pair (min, max), got " + c.get("value_range"));
    }
    return new float[] {(float) r[0], (float) r[1]};
  }

  private static float[] floats(double[] values) {
    if (values == null) {
      return null;
    }
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static void putOneOrList(ConfigWriter c, String key, float[] values) {
    if (values.length == 1) {
      c.put(key, values[0]);
    } else {
      c.put(key, values);
    }
  }

  private static float[] floatsOr(double[] values, float dflt) {
    return values == null ? new float[] {dflt} : floats(values);
  }
}
