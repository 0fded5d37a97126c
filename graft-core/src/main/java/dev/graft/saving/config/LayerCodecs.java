package dev.graft.saving.config;

import dev.graft.layers.Layer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The explicit registry of layer codecs, by Keras class name and by graft class (no reflection).
 */
final class LayerCodecs {
  private static final Map<String, LayerCodec<?>> BY_CLASS_NAME = new TreeMap<>();
  private static final Map<Class<?>, LayerCodec<?>> BY_TYPE = new HashMap<>();

  static {
    for (List<LayerCodec<?>> group :
        List.of(
            CoreLayerCodecs.all(),
            ConvLayerCodecs.all(),
            NormalizationLayerCodecs.all(),
            ShapeLayerCodecs.all(),
            PreprocessingLayerCodecs.all())) {
      for (LayerCodec<?> codec : group) {
        if (BY_CLASS_NAME.put(codec.className(), codec) != null
            || BY_TYPE.put(codec.type(), codec) != null) {
          throw new IllegalStateException("two codecs for " + codec.className());
        }
      }
    }
  }

  private LayerCodecs() {}

  /** The codec for a Keras class name, or {@code null} if graft has none. */
  static LayerCodec<?> forClassName(String className) {
    return BY_CLASS_NAME.get(className);
  }

  /** The codec for a layer's exact class. */
  static LayerCodec<?> forLayer(Layer layer) {
    LayerCodec<?> codec = BY_TYPE.get(layer.getClass());
    if (codec == null) {
      throw ConfigException.at(
          layer.name(),
          layer.typeName(),
          "graft cannot write this layer type as a Keras config (its class "
              + layer.getClass().getName()
              + " has no codec in dev.graft.saving.config.LayerCodecs)");
    }
    return codec;
  }

  /** The Keras class names graft reads, sorted (models and InputLayer not included). */
  static Set<String> classNames() {
    return Collections.unmodifiableSet(BY_CLASS_NAME.keySet());
  }
}
