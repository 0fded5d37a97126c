package dev.graft.saving.config;

import dev.graft.layers.Layer;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How one graft layer type maps to its Keras class: the Keras class name, its {@link
 * CallSignature}, a writer of the layer's own arguments (after the {@code name}, {@code trainable}
 * and {@code dtype} every layer has) and a reader that constructs the layer from a config.
 *
 * @param <L> the graft layer class
 */
final class LayerCodec<L extends Layer> {
  private final String className;
  private final Class<L> type;
  private final CallSignature call;
  private final BiConsumer<L, ConfigWriter> writer;
  private final Function<ConfigReader, L> reader;

  private LayerCodec(
      String className,
      Class<L> type,
      CallSignature call,
      BiConsumer<L, ConfigWriter> writer,
      Function<ConfigReader, L> reader) {
    this.className = className;
    this.type = type;
    this.call = call;
    this.writer = writer;
    this.reader = reader;
  }

  static <L extends Layer> LayerCodec<L> of(
      String className,
      Class<L> type,
      CallSignature call,
      BiConsumer<L, ConfigWriter> writer,
      Function<ConfigReader, L> reader) {
    return new LayerCodec<>(className, type, call, writer, reader);
  }

  String className() {
    return className;
  }

  Class<L> type() {
    return type;
  }

  CallSignature call() {
    return call;
  }

  void write(Layer layer, ConfigWriter out) {
    writer.accept(type.cast(layer), out);
  }

  Layer read(ConfigReader settings) {
    return reader.apply(settings);
  }
}
