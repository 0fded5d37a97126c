package dev.graft.saving.config;

import dev.graft.initializers.Ones;
import dev.graft.initializers.Zeros;
import dev.graft.layers.normalization.BatchNormalization;
import java.util.List;

/** BatchNormalization. */
final class NormalizationLayerCodecs {
  private NormalizationLayerCodecs() {}

  static List<LayerCodec<?>> all() {
    return List.of(
        LayerCodec.of(
            "BatchNormalization",
            BatchNormalization.class,
            CallSignature.BUILT_ON_CALL_WITH_MASK,
            (l, c) ->
                c.put("axis", l.axis())
                    .put("momentum", l.momentum())
                    .put("epsilon", l.epsilon())
                    .put("center", l.center())
                    .put("scale", l.scale())
                    .put("beta_initializer", l.betaInitializer())
                    .put("gamma_initializer", l.gammaInitializer())
                    .put("moving_mean_initializer", l.movingMeanInitializer())
                    .put("moving_variance_initializer", l.movingVarianceInitializer())
                    .put("beta_regularizer", l.betaRegularizer())
                    .put("gamma_regularizer", l.gammaRegularizer())
                    .nulls("beta_constraint", "gamma_constraint")
                    .put("synchronized", false)
                    .put("renorm", false)
                    .putNull("renorm_clipping")
                    .put("renorm_momentum", 0.99f),
            c -> {
              c.requireNullOrAbsent("beta_constraint");
              c.requireNullOrAbsent("gamma_constraint");
              c.requireValue("renorm", false);
              c.requireNullOrAbsent("virtual_batch_size");
              c.requireNullOrAbsent("adjustment");
              // "synchronized" only concerns multi-device training, which graft does not do.
              return new BatchNormalization(
                  BatchNormalization.defaults()
                      .axis(c.intValue("axis", -1))
                      .momentum(c.floatValue("momentum", 0.99f))
                      .epsilon(c.floatValue("epsilon", 1e-3f))
                      .center(c.bool("center", true))
                      .scale(c.bool("scale", true))
                      .betaInitializer(c.initializer("beta_initializer", new Zeros()))
                      .gammaInitializer(c.initializer("gamma_initializer", new Ones()))
                      .movingMeanInitializer(c.initializer("moving_mean_initializer", new Zeros()))
                      .movingVarianceInitializer(
                          c.initializer("moving_variance_initializer", new Ones()))
                      .betaRegularizer(c.regularizer("beta_regularizer"))
                      .gammaRegularizer(c.regularizer("gamma_regularizer"))
                      .name(c.layerName()));
            }));
  }
}
