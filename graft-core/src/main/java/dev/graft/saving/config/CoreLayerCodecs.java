package dev.graft.saving.config;

import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Zeros;
import dev.graft.layers.activation.LeakyReLU;
import dev.graft.layers.activation.ReLU;
import dev.graft.layers.activation.Softmax;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.core.Identity;
import dev.graft.layers.core.SpatialDropout2D;
import java.util.List;

/**
 * Dense, Activation, Dropout, SpatialDropout2D, Identity and the activation layers (Keras's core
 * and activations).
 */
final class CoreLayerCodecs {
  private CoreLayerCodecs() {}

  static List<LayerCodec<?>> all() {
    return List.of(
        LayerCodec.of(
            "Dense",
            Dense.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("units", l.units())
                    .put("activation", l.activation())
                    .put("use_bias", l.useBias())
                    .put("kernel_initializer", l.kernelInitializer())
                    .put("bias_initializer", l.biasInitializer())
                    .put("kernel_regularizer", l.kernelRegularizer())
                    .put("bias_regularizer", l.biasRegularizer())
                    .nulls("kernel_constraint", "bias_constraint", "quantization_config"),
            c -> {
              c.requireNullOrAbsent("kernel_constraint");
              c.requireNullOrAbsent("bias_constraint");
              c.requireNullOrAbsent("activity_regularizer");
              c.requireNullOrAbsent("quantization_config");
              c.requireNullOrAbsent("lora_rank");
              return new Dense(
                  Dense.units(c.intValue("units"))
                      .activation(c.activation("activation"))
                      .useBias(c.bool("use_bias", true))
                      .kernelInitializer(c.initializer("kernel_initializer", new GlorotUniform()))
                      .biasInitializer(c.initializer("bias_initializer", new Zeros()))
                      .kernelRegularizer(c.regularizer("kernel_regularizer"))
                      .biasRegularizer(c.regularizer("bias_regularizer"))
                      .name(c.layerName()));
            }),
        LayerCodec.of(
            "Activation",
            Activation.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> c.put("activation", l.activation()),
            c -> new Activation(c.activation("activation"), c.layerName())),
        LayerCodec.of(
            "Dropout",
            Dropout.class,
            CallSignature.DROPOUT,
            (l, c) ->
                c.put("rate", l.rate()).putSeed(l.seed()).putShape("noise_shape", l.noiseShape()),
            c ->
                new Dropout(
                    c.floatValue("rate", 0f), c.shape("noise_shape"), c.seed(), c.layerName())),
        LayerCodec.of(
            "SpatialDropout2D",
            SpatialDropout2D.class,
            CallSignature.DROPOUT,
            // Keras 3 writes exactly rate, seed, name, dtype (a plain string), data_format.
            (l, c) ->
                c.remove("name", "trainable", "dtype")
                    .put("rate", l.rate())
                    .putSeed(l.seed())
                    .put("name", l.name())
                    .put("dtype", "float32")
                    .put("data_format", "channels_last"),
            c -> {
              c.requireChannelsLast();
              // tf.keras 2 wrote the noise_shape of its Dropout base; it was always null here.
              c.requireNullOrAbsent("noise_shape");
              return new SpatialDropout2D(c.floatValue("rate", 0f), c.seed(), c.layerName());
            }),
        LayerCodec.of(
            "Identity",
            Identity.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> {},
            c -> new Identity(c.layerName())),
        LayerCodec.of(
            "ReLU",
            ReLU.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> {
              if (Float.isInfinite(l.maxValue())) {
                c.putNull("max_value");
              } else {
                c.put("max_value", l.maxValue());
              }
              c.put("negative_slope", l.negativeSlope()).put("threshold", l.threshold());
            },
            c ->
                new ReLU(
                    ReLU.options()
                        .maxValue(c.floatValue("max_value", Float.POSITIVE_INFINITY))
                        .negativeSlope(c.floatValue("negative_slope", 0f))
                        .threshold(c.floatValue("threshold", 0f))
                        .name(c.layerName()))),
        LayerCodec.of(
            "LeakyReLU",
            LeakyReLU.class,
            CallSignature.BUILT_AT_INIT,
            (l, c) -> c.put("negative_slope", l.negativeSlope()),
            // Keras 2 called the slope "alpha".
            c ->
                new LeakyReLU(
                    c.floatValue("negative_slope", c.floatValue("alpha", 0.3f)), c.layerName())),
        LayerCodec.of(
            "Softmax",
            Softmax.class,
            CallSignature.BUILT_AT_INIT_WITH_MASK,
            (l, c) -> c.put("axis", l.axis()),
            c -> new Softmax(c.intValue("axis", -1), c.layerName())));
  }
}
