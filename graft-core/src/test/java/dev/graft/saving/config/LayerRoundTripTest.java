package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.data.image.Interpolation;
import dev.graft.initializers.Constant;
import dev.graft.initializers.GlorotNormal;
import dev.graft.initializers.HeNormal;
import dev.graft.initializers.HeUniform;
import dev.graft.initializers.LecunUniform;
import dev.graft.initializers.RandomNormal;
import dev.graft.initializers.RandomUniform;
import dev.graft.initializers.TruncatedNormal;
import dev.graft.initializers.VarianceScaling;
import dev.graft.layers.Layer;
import dev.graft.layers.LayerNames;
import dev.graft.layers.Size2D;
import dev.graft.layers.activation.LeakyReLU;
import dev.graft.layers.activation.ReLU;
import dev.graft.layers.activation.Softmax;
import dev.graft.layers.conv.Conv2D;
import dev.graft.layers.conv.DepthwiseConv2D;
import dev.graft.layers.conv.SeparableConv2D;
import dev.graft.layers.core.Activation;
import dev.graft.layers.core.Dense;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.core.Identity;
import dev.graft.layers.core.SpatialDropout2D;
import dev.graft.layers.merging.Add;
import dev.graft.layers.merging.Concatenate;
import dev.graft.layers.merging.Multiply;
import dev.graft.layers.merging.Subtract;
import dev.graft.layers.normalization.BatchNormalization;
import dev.graft.layers.pooling.AveragePooling2D;
import dev.graft.layers.pooling.GlobalAveragePooling2D;
import dev.graft.layers.pooling.GlobalMaxPooling2D;
import dev.graft.layers.pooling.MaxPooling2D;
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
import dev.graft.layers.reshaping.Cropping2D;
import dev.graft.layers.reshaping.Flatten;
import dev.graft.layers.reshaping.Reshape;
import dev.graft.layers.reshaping.UpSampling2D;
import dev.graft.layers.reshaping.ZeroPadding2D;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.regularizers.L1;
import dev.graft.regularizers.L1L2;
import dev.graft.regularizers.L2;
import dev.graft.tensor.Rng;
import dev.graft.tensor.Tensor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer type, with settings other than the defaults: written, read back, written again to the
 * same JSON, and, given the same weights, computing the same outputs (in inference, and in training
 * for the seeded random layers).
 */
class LayerRoundTripTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** A layer type and a small model that uses it. */
  record Case(String type, Supplier<Model> model) {
    @Override
    public String toString() {
      return type;
    }
  }

  private static Model single(Layer layer, int... shape) {
    KerasTensor in = Input.named("in", shape);
    return new Model(in, layer.apply(in), "m");
  }

  private static Model pair(Layer layer, int... shape) {
    KerasTensor a = Input.named("a", shape);
    KerasTensor b = Input.named("b", shape);
    return new Model(List.of(a, b), layer.applySymbolic(List.of(a, b), null), "m");
  }

  static Stream<Case> cases() {
    GeometryOptions g = GeometryOptions.defaults().fillMode("constant").fillValue(0.5f);
    return Stream.of(
        new Case(
            "Dense",
            () ->
                single(
                    new Dense(
                        Dense.units(3)
                            .activation("tanh")
                            .kernelInitializer(
                                new VarianceScaling(
                                    2.0,
                                    VarianceScaling.Mode.FAN_OUT,
                                    VarianceScaling.Distribution.UNIFORM,
                                    7L))
                            .biasInitializer(new Constant(0.25f))
                            .kernelRegularizer(new L1L2(0.01f, 0.02f))
                            .biasRegularizer(new L1(0.5f))
                            .name("d")),
                    5)),
        new Case("Activation", () -> single(new Activation("sigmoid", "act"), 4)),
        new Case("Dropout", () -> single(new Dropout(0.25f, 5L, "drop"), 6)),
        new Case(
            "Dropout",
            () -> single(new Dropout(0.5f, new int[] {-1, 1, 1, 3}, 5L, "drop"), 4, 4, 3)),
        new Case(
            "SpatialDropout2D", () -> single(new SpatialDropout2D(0.3f, 6L, "sdrop"), 4, 4, 3)),
        new Case("Identity", () -> single(new Identity("id"), 3)),
        new Case(
            "ReLU",
            () ->
                single(
                    new ReLU(
                        ReLU.options().maxValue(2f).negativeSlope(0.1f).threshold(0.5f).name("r")),
                    4)),
        new Case("LeakyReLU", () -> single(new LeakyReLU(0.2f, "lr"), 4)),
        new Case("Softmax", () -> single(new Softmax(1, "sm"), 3, 4)),
        new Case(
            "Conv2D",
            () ->
                single(
                    new Conv2D(
                        Conv2D.filters(4, 3)
                            .kernelSize(3, 2)
                            .strides(2, 1)
                            .padding("same")
                            .activation("relu")
                            .useBias(false)
                            .kernelInitializer(new HeNormal(3L))
                            .kernelRegularizer(new L2(0.001f))
                            .name("c")),
                    7,
                    6,
                    2)),
        new Case(
            "DepthwiseConv2D",
            () ->
                single(
                    new DepthwiseConv2D(
                        DepthwiseConv2D.kernelSize(3)
                            .depthMultiplier(2)
                            .dilationRate(2)
                            .depthwiseInitializer(new LecunUniform(1L))
                            .biasInitializer(new RandomNormal(0.1f, 0.2f, 2L))
                            .depthwiseRegularizer(new L2(0.1f))
                            .name("dw")),
                    8,
                    8,
                    3)),
        new Case(
            "SeparableConv2D",
            () ->
                single(
                    new SeparableConv2D(
                        SeparableConv2D.filters(5, 3)
                            .depthMultiplier(2)
                            .padding("same")
                            .depthwiseInitializer(new GlorotNormal(4L))
                            .pointwiseInitializer(new HeUniform(5L))
                            .biasInitializer(new RandomUniform(-0.1f, 0.1f, 6L))
                            .pointwiseRegularizer(new L1(0.01f))
                            .name("sep")),
                    6,
                    6,
                    3)),
        new Case(
            "BatchNormalization",
            () ->
                single(
                    new BatchNormalization(
                        BatchNormalization.defaults()
                            .axis(-1)
                            .momentum(0.9f)
                            .epsilon(1e-5f)
                            .center(false)
                            .gammaInitializer(new TruncatedNormal(1f, 0.1f, 8L))
                            .movingVarianceInitializer(new Constant(2f))
                            .gammaRegularizer(new L2(0.01f))
                            .name("bn")),
                    4,
                    4,
                    3)),
        new Case(
            "MaxPooling2D",
            () ->
                single(
                    new MaxPooling2D(
                        MaxPooling2D.poolSize(3).strides(2, 1).padding("same").name("mp")),
                    7,
                    7,
                    2)),
        new Case(
            "AveragePooling2D",
            () -> single(new AveragePooling2D(AveragePooling2D.poolSize(2).name("ap")), 6, 6, 2)),
        new Case(
            "GlobalAveragePooling2D",
            () -> single(new GlobalAveragePooling2D(true, "gap"), 3, 3, 2)),
        new Case("GlobalMaxPooling2D", () -> single(new GlobalMaxPooling2D(false, "gmp"), 3, 3, 2)),
        new Case("Flatten", () -> single(new Flatten("f"), 2, 3, 2)),
        new Case("Reshape", () -> single(new Reshape("rs", 3, -1), 2, 3, 2)),
        new Case(
            "ZeroPadding2D",
            () -> single(new ZeroPadding2D(new int[][] {{1, 2}, {0, 3}}, "zp"), 3, 3, 2)),
        new Case(
            "Cropping2D",
            () -> single(new Cropping2D(new int[][] {{1, 0}, {2, 1}}, "cr"), 5, 5, 2)),
        new Case("Add", () -> pair(new Add("add"), 3)),
        new Case("Multiply", () -> pair(new Multiply("mul"), 3)),
        new Case("Subtract", () -> pair(new Subtract("sub"), 3)),
        new Case("Concatenate", () -> pair(new Concatenate(1, "cat"), 2, 3)),
        new Case(
            "UpSampling2D",
            () -> single(new UpSampling2D(Size2D.of(2, 3), "bilinear", "up"), 3, 2, 2)),
        new Case(
            "UpSampling2D", () -> single(new UpSampling2D(Size2D.of(3), "nearest", "up"), 2, 2, 2)),
        new Case("Rescaling", () -> single(new Rescaling(1f / 255, 0.5f, "rescale"), 4, 4, 3)),
        new Case(
            "Rescaling",
            () ->
                single(
                    new Rescaling(new float[] {2f, 3f, 4f}, new float[] {-1f, 0f, 1f}, "rescale"),
                    4,
                    4,
                    3)),
        new Case(
            "Resizing",
            () -> single(new Resizing(5, 3, Interpolation.NEAREST, true, "resize"), 4, 6, 3)),
        new Case("CenterCrop", () -> single(new CenterCrop(3, 2, "cc"), 5, 5, 3)),
        new Case(
            "Normalization",
            () ->
                single(
                    new Normalization(
                        new float[] {1f, 2f, 3f}, new float[] {4f, 5f, 6f}, true, "norm"),
                    2,
                    2,
                    3)),
        new Case("RandomFlip", () -> single(new RandomFlip("horizontal", 9L, "flip"), 5, 5, 3)),
        new Case(
            "RandomRotation",
            () -> single(new RandomRotation(-0.1, 0.2, g.seed(10L).name("rot")), 5, 5, 3)),
        new Case(
            "RandomZoom",
            () ->
                single(
                    new RandomZoom(
                        new double[] {-0.2, 0.1},
                        null,
                        GeometryOptions.defaults().interpolation("nearest").seed(11L).name("zoom")),
                    5,
                    5,
                    3)),
        new Case(
            "RandomTranslation",
            () ->
                single(
                    new RandomTranslation(
                        new double[] {0.1}, new double[] {-0.2, 0.3}, g.seed(12L).name("tr")),
                    5,
                    5,
                    3)),
        new Case("RandomCrop", () -> single(new RandomCrop(3, 4, 13L, "crop"), 5, 6, 3)),
        new Case(
            "RandomContrast",
            () ->
                single(
                    new RandomContrast(new double[] {0.2, 0.4}, 0f, 1f, 14L, "contrast"), 4, 4, 3)),
        new Case(
            "RandomBrightness",
            () ->
                single(
                    new RandomBrightness(new double[] {-0.1, 0.3}, 0f, 1f, 15L, "bright"),
                    4,
                    4,
                    3)));
  }

  @Test
  void everyLayerTypeHasACase() {
    Set<String> covered = new TreeSet<>();
    cases().forEach(c -> covered.add(c.type()));
    assertEquals(ModelConfigs.supportedLayerTypes(), covered);
  }

  /**
   * The forms Keras 3 writes: a tuple with None for unknown sizes, lists for per-channel values.
   */
  @Test
  void noiseShapeAndPerChannelValuesUseKerasForms() throws Exception {
    LayerNames.reset();
    KerasTensor in = Input.named("in", 4, 4, 3);
    KerasTensor x = new Dropout(0.5f, new int[] {-1, 1, 1, 3}, 5L, "drop").apply(in);
    x = new Rescaling(new float[] {2f, 3f, 4f}, 0.5f, "rescale").apply(x);
    String json = ModelConfigs.toJson(new Model(in, x, "m"));
    JsonNode layers = M.readTree(json).at("/config/layers");
    assertEquals("[null,1,1,3]", layers.get(1).at("/config/noise_shape").toString());
    assertEquals("[2.0,3.0,4.0]", layers.get(2).at("/config/scale").toString());
    assertEquals("0.5", layers.get(2).at("/config/offset").toString());
    // Keras 3 writes a NumPy array argument as a "__numpy__" object.
    String numpy =
        json.replace(
            "\"scale\":[2.0,3.0,4.0]",
            "\"scale\":{\"class_name\":\"__numpy__\",\"config\":{\"value\":[2.0,3.0,4.0],"
                + "\"dtype\":\"float32\"}}");
    assertNotEquals(json, numpy);
    Rescaling r = (Rescaling) ModelConfigs.fromJson(numpy).layers().get(2);
    assertArrayEquals(new float[] {2f, 3f, 4f}, r.scales());

    // Keras 3's SpatialDropout2D writes these keys only; its constructor takes no "trainable".
    LayerNames.reset();
    KerasTensor in2 = Input.named("in", 4, 4, 3);
    Model m2 = new Model(in2, new SpatialDropout2D(0.2f, null, "sd").apply(in2), "m2");
    List<String> keys = new java.util.ArrayList<>();
    M.readTree(ModelConfigs.toJson(m2))
        .at("/config/layers/1/config")
        .fieldNames()
        .forEachRemaining(keys::add);
    assertEquals(List.of("rate", "seed", "name", "dtype", "data_format"), keys);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void writesReadsAndComputesTheSame(Case c) throws Exception {
    LayerNames.reset();
    Model original = c.model().get();
    String json = ModelConfigs.toJson(original);
    assertEquals(
        c.type(),
        M.readTree(json)
            .at("/config/layers")
            .get(original.inputs().size())
            .get("class_name")
            .asText());

    Model copy = ModelConfigs.fromJson(json);
    assertNull(JsonDiff.firstDifference(M.readTree(json), ModelConfigs.toConfig(copy)), c.type());
    assertEquals(
        original.layers().get(original.layers().size() - 1).getClass(),
        copy.layers().get(copy.layers().size() - 1).getClass());

    copy.setWeights(original.getWeights());
    Rng rng = new Rng(42);
    List<Tensor> inputs =
        original.inputs().stream()
            .map(
                t -> {
                  int[] s = t.shape();
                  s[0] = 2;
                  return rng.uniform(0f, 1f, s);
                })
            .toList();
    for (boolean training : new boolean[] {false, true}) {
      List<Tensor> want = original.apply(inputs, training);
      List<Tensor> got = copy.apply(inputs, training);
      assertArrayEquals(
          want.get(0).toFloatArray(),
          got.get(0).toFloatArray(),
          c.type() + " training=" + training);
    }
  }
}
