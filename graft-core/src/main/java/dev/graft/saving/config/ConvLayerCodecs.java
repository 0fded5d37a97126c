package dev.graft.saving.config;

import dev.graft.initializers.GlorotUniform;
import dev.graft.initializers.Zeros;
import dev.graft.layers.Paddings;
import dev.graft.layers.Size2D;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.DepthwiseConv2D;
import dev.graft.layers.conv.SeparableConv2D;
import java.util.List;

/** Conv2D, DepthwiseConv2D and SeparableConv2D. */
final class ConvLayerCodecs {
  private ConvLayerCodecs() {}

  static List<LayerCodec<?>> all() {
    return List.of(
        LayerCodec.of(
            "Conv2D",
            Conv2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("filters", l.filters())
                    .put("kernel_size", l.kernelSize())
                    .put("strides", l.strides())
                    .put("padding", Paddings.kerasName(l.padding()))
                    .put("data_format", "channels_last")
                    .put("dilation_rate", l.dilationRate())
                    .put("groups", 1)
                    .put("activation", l.activation())
                    .put("use_bias", l.useBias())
                    .put("kernel_initializer", l.kernelInitializer())
                    .put("bias_initializer", l.biasInitializer())
                    .put("kernel_regularizer", l.kernelRegularizer())
                    .put("bias_regularizer", l.biasRegularizer())
                    .nulls("activity_regularizer", "kernel_constraint", "bias_constraint"),
            c -> {
              checkCommon(c);
              c.requireValue("groups", 1);
              c.requireNullOrAbsent("kernel_constraint");
              Size2D k = c.size2D("kernel_size", null);
              Size2D s = c.size2D("strides", Size2D.of(1));
              Size2D d = c.size2D("dilation_rate", Size2D.of(1));
              return new Conv2D(
                  Conv2D.filters(c.intValue("filters"), 1)
                      .kernelSize(k.height(), k.width())
                      .strides(s.height(), s.width())
                      .padding(c.text("padding", "valid"))
                      .dilationRate(d.height(), d.width())
                      .activation(c.activation("activation"))
                      .useBias(c.bool("use_bias", true))
                      .kernelInitializer(c.initializer("kernel_initializer", new GlorotUniform()))
                      .biasInitializer(c.initializer("bias_initializer", new Zeros()))
                      .kernelRegularizer(c.regularizer("kernel_regularizer"))
                      .biasRegularizer(c.regularizer("bias_regularizer"))
                      .name(c.layerName()));
            }),
        LayerCodec.of(
            "DepthwiseConv2D",
            DepthwiseConv2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("depth_multiplier", l.depthMultiplier())
                    .put("kernel_size", l.kernelSize())
                    .put("strides", l.strides())
                    .put("padding", Paddings.kerasName(l.padding()))
                    .put("data_format", "channels_last")
                    .put("dilation_rate", l.dilationRate())
                    .put("activation", l.activation())
                    .put("use_bias", l.useBias())
                    .put("depthwise_initializer", l.depthwiseInitializer())
                    .put("bias_initializer", l.biasInitializer())
                    .put("depthwise_regularizer", l.depthwiseRegularizer())
                    .put("bias_regularizer", l.biasRegularizer())
                    .nulls("activity_regularizer", "depthwise_constraint", "bias_constraint"),
            c -> {
              checkCommon(c);
              c.requireNullOrAbsent("depthwise_constraint");
              Size2D k = c.size2D("kernel_size", null);
              Size2D s = c.size2D("strides", Size2D.of(1));
              Size2D d = c.size2D("dilation_rate", Size2D.of(1));
              return new DepthwiseConv2D(
                  DepthwiseConv2D.kernelSize(1)
                      .kernelSize(k.height(), k.width())
                      .depthMultiplier(c.intValue("depth_multiplier", 1))
                      .strides(s.height(), s.width())
                      .padding(c.text("padding", "valid"))
                      .dilationRate(d.height(), d.width())
                      .activation(c.activation("activation"))
                      .useBias(c.bool("use_bias", true))
                      .depthwiseInitializer(
                          c.initializer("depthwise_initializer", new GlorotUniform()))
                      .biasInitializer(c.initializer("bias_initializer", new Zeros()))
                      .depthwiseRegularizer(c.regularizer("depthwise_regularizer"))
                      .biasRegularizer(c.regularizer("bias_regularizer"))
                      .name(c.layerName()));
            }),
        LayerCodec.of(
            "SeparableConv2D",
            SeparableConv2D.class,
            CallSignature.BUILT_ON_CALL,
            (l, c) ->
                c.put("depth_multiplier", l.depthMultiplier())
                    .put("filters", l.filters())
                    .put("kernel_size", l.kernelSize())
                    .put("strides", l.strides())
                    .put("padding", Paddings.kerasName(l.padding()))
                    .put("data_format", "channels_last")
                    .put("dilation_rate", l.dilationRate())
                    .put("activation", l.activation())
                    .put("use_bias", l.useBias())
                    .put("depthwise_initializer", l.depthwiseInitializer())
                    .put("pointwise_initializer", l.pointwiseInitializer())
                    .put("bias_initializer", l.biasInitializer())
                    .put("depthwise_regularizer", l.depthwiseRegularizer())
                    .put("pointwise_regularizer", l.pointwiseRegularizer())
                    .put("bias_regularizer", l.biasRegularizer())
                    .nulls(
                        "activity_regularizer",
                        "depthwise_constraint",
                        "pointwise_constraint",
                        "bias_constraint"),
            c -> {
              checkCommon(c);
              c.requireNullOrAbsent("depthwise_constraint");
              c.requireNullOrAbsent("pointwise_constraint");
              Size2D k = c.size2D("kernel_size", null);
              Size2D s = c.size2D("strides", Size2D.of(1));
              Size2D d = c.size2D("dilation_rate", Size2D.of(1));
              return new SeparableConv2D(
                  SeparableConv2D.filters(c.intValue("filters"), 1)
                      .kernelSize(k.height(), k.width())
                      .depthMultiplier(c.intValue("depth_multiplier", 1))
                      .strides(s.height(), s.width())
                      .padding(c.text("padding", "valid"))
                      .dilationRate(d.height(), d.width())
                      .activation(c.activation("activation"))
                      .useBias(c.bool("use_bias", true))
                      .depthwiseInitializer(
                          c.initializer("depthwise_initializer", new GlorotUniform()))
                      .pointwiseInitializer(
                          c.initializer("pointwise_initializer", new GlorotUniform()))
                      .biasInitializer(c.initializer("bias_initializer", new Zeros()))
                      .depthwiseRegularizer(c.regularizer("depthwise_regularizer"))
                      .pointwiseRegularizer(c.regularizer("pointwise_regularizer"))
                      .biasRegularizer(c.regularizer("bias_regularizer"))
                      .name(c.layerName()));
            }));
  }

  /** What the three conv layers refuse alike. */
  private static void checkCommon(ConfigReader c) {
    if (!c.has("kernel_size")) {
      throw c.error("the setting 'kernel_size' is missing");
    }
    c.requireChannelsLast();
    c.requireNullOrAbsent("activity_regularizer");
    c.requireNullOrAbsent("bias_constraint");
    c.requireNullOrAbsent("lora_rank");
  }
}
