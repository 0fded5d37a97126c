package dev.graft.saving.config;

import dev.graft.layers.Paddings;
import dev.graft.layers.Size2D;
import dev.graft.layers.merging.Add;
import dev.graft.layers.merging.Concatenate;
import dev.graft.layers.merging.Multiply;
import dev.graft.layers.merging.Subtract;
import dev.graft.layers.pooling.AveragePooling2D;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.GlobalMaxPooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
import dev.graft.layers.pooling.Pooling2D;
import dev.graft.layers.reshaping.Cropping2D;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.layers.reshaping.Reshape;
import dev.graft.layers.reshaping.UpSampling2D;
import dev.graft.layers.reshaping.ZeroPadding2D;
import java.util.List;
import java.util.Locale;

/** The layers without weights that move values around: pooling, reshaping and merging. */
final class ShapeLayerCodecs {
  private ShapeLayerCodecs() {}

  static List<LayerCodec<?>> all() {
    return List.of(
        LayerCodec.of(
            "MaxPooling2D",
            MaxPooling2D.class,
            CallSignature.BUILT_AT_INIT,
            ShapeLayerCodecs::writePooling,
            c -> new MaxPooling2D(poolingOptions(c))),
        LayerCodec.of(
            "AveragePooling2D",
            AveragePooling2D.class,
            CallSignature.BUILT_AT_INIT,
            ShapeLayerCodecs::writePooling,
            c -> new AveragePooling2D(poolingOptions(c))),
        LayerCodec.of(
            "GlobalAveragePooling2D",
            GlobalAveragePooling2D.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> c.put("data_format", "channels_last").put("keepdims", l.keepdims()),
            c -> {
              c.requireChannelsLast();
              return new GlobalAveragePooling2D(c.bool("keepdims", false), c.layerName());
            }),
        LayerCodec.of(
            "GlobalMaxPooling2D",
            GlobalMaxPooling2D.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> c.put("data_format", "channels_last").put("keepdims", l.keepdims()),
            c -> {
              c.requireChannelsLast();
              return new GlobalMaxPooling2D(c.bool("keepdims", false), c.layerName());
            }),
        LayerCodec.of(
            "Flatten",
            Flatten.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> c.put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              return new Flatten(c.layerName());
            }),
        LayerCodec.of(
            "Reshape",
            Reshape.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> c.put("target_shape", l.targetShape()),
            c -> new Reshape(c.layerName(), c.ints("target_shape"))),
        LayerCodec.of(
            "UpSampling2D",
            UpSampling2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("size", l.size())
                    .put("data_format", "channels_last")
                    .put("interpolation", l.interpolation()),
            c -> {
              c.requireChannelsLast();
              return new UpSampling2D(
                  c.size2D("size", Size2D.of(2)),
                  c.text("interpolation", "nearest").toLowerCase(Locale.ROOT),
                  c.layerName());
            }),
        LayerCodec.of(
            "ZeroPadding2D",
            ZeroPadding2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> c.put("padding", l.padding()).put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              return new ZeroPadding2D(c.margins("padding"), c.layerName());
            }),
        LayerCodec.of(
            "Cropping2D",
            Cropping2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> c.put("cropping", l.cropping()).put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              return new Cropping2D(c.margins("cropping"), c.layerName());
            }),
        LayerCodec.of(
            "Add",
            Add.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> {},
            c -> new Add(c.layerName())),
        LayerCodec.of(
            "Multiply",
            Multiply.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> {},
            c -> new Multiply(c.layerName())),
        LayerCodec.of(
            "Subtract",
            Subtract.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> {},
            c -> new Subtract(c.layerName())),
        LayerCodec.of(
            "Concatenate",
            Concatenate.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) -> c.put("axis", l.axis()),
            c -> new Concatenate(c.intValue("axis", -1), c.layerName())));
  }

  private static void writePooling(Pooling2D l, ConfigWriter c) {
    c.put("pool_size", l.poolSize())
        .put("padding", Paddings.kerasName(l.padding()))
        .put("strides", l.strides())
        .put("data_format", "channels_last");
  }

  private static Pooling2D.Options poolingOptions(ConfigReader c) {
    c.requireChannelsLast();
    Size2D pool = c.size2D("pool_size", Size2D.of(2));
    // Keras writes the strides it resolved; a missing or null value means "the pool size".
    Size2D strides = c.size2D("strides", pool);
    return Pooling2D.poolSize(1)
        .poolSize(pool.height(), pool.width())
        .strides(strides.height(), strides.width())
        .padding(c.text("padding", "valid"))
        .name(c.layerName());
  }
}
