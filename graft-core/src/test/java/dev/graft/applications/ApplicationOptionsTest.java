package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.io.download.RemoteFile;
import dev.graft.layers.LayerNames;
import dev.graft.layers.core.Dropout;
import dev.graft.layers.preprocessing.Rescaling;
import dev.graft.models.Input;
import dev.graft.models.KerasTensor;
import dev.graft.models.Model;
import dev.graft.saving.KerasWeights;
import dev.graft.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options every application takes, Keras's argument checks, and the weights asked for. */
class ApplicationOptionsTest {
  @TempDir Path dir;

  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static ApplicationOptions none() {
    return ApplicationOptions.defaults().weights((String) null);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void kerasArgumentChecks() {
    String m = message(() -> Xception.build(ApplicationOptions.defaults().classes(10)));
    assertTrue(m.contains("classes should be 1000") && m.contains("classes=10"), m);
    m = message(() -> ResNet50.build(ApplicationOptions.defaults().inputShape(200, 200, 3)));
    assertTrue(m.contains("should be (224, 224, 3)") && m.contains("(200, 200, 3)"), m);
    m = message(() -> Xception.build(none().includeTop(false).inputShape(70, 70, 3)));
    assertTrue(m.contains("at least 71x71") && m.contains("(70, 70, 3)"), m);
    m = message(() -> VGG16.build(none().includeTop(false).inputShape(31, 64, 3)));
    assertTrue(m.contains("at least 32x32"), m);
    m =
        message(
            () ->
                ResNet50.build(
                    ApplicationOptions.defaults().includeTop(false).inputShape(64, 64, 1)));
    assertTrue(m.contains("3 channels"), m);
    m = message(() -> Xception.build(none().includeTop(false).inputShape(-1, -1, 3)));
    assertTrue(m.contains("graft needs every input dimension"), m);
    m = message(() -> MobileNetV2.build(0.6, ApplicationOptions.defaults().includeTop(false)));
    assertTrue(m.contains("alpha must be one of") && m.contains("0.6"), m);
    m =
        message(
            () -> Xception.build(ApplicationOptions.defaults().classifierActivation("sigmoid")));
    assertTrue(m.contains("classifierActivation=\"sigmoid\""), m);
    m = message(() -> Xception.build(none().includeTop(false).pooling("mean")));
    assertTrue(m.contains("\"mean\""), m);
    m =
        message(
            () -> VGG16.build(ApplicationOptions.defaults().weights(dir.resolve("missing.h5"))));
    assertTrue(m.contains("missing.h5"), m);
  }

  /** Saves {@code m}'s weights in the Keras 3 layout, for a build to load as "ImageNet" ones. */
  private Path savedWeights(Model m) throws IOException {
    Path file = dir.resolve(m.name() + "_" + System.nanoTime() + ".weights.h5");
    KerasWeights.save(m, file);
    return file;
  }

  /** A weights source that records what it was asked for and answers with {@code file}. */
  private static WeightsSource recording(List<RemoteFile> asked, Path file) {
    return spec -> {
      asked.add(spec);
      return file;
    };
  }

  @Test
  void imagenetWeightsAreAskedForAndLoaded() throws IOException {
    Model plain = MobileNetV2.build(0.35, none().includeTop(false).inputShape(96, 96, 3));
    List<RemoteFile> asked = new ArrayList<>();
    LayerNames.reset();
    ApplicationModel m =
        MobileNetV2.build(
            0.35,
            ApplicationOptions.defaults()
                .includeTop(false)
                .inputShape(96, 96, 3)
                .weightsSource(recording(asked, savedWeights(plain))));
    RemoteFile spec = m.imagenetWeights().orElseThrow();
    assertEquals(List.of(spec), asked);
    assertEquals(
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5", spec.fileName());
    assertEquals(
        URI.create(
            "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
                + "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"),
        spec.url());
    assertNull(spec.fileHash(), "Keras publishes no hash for MobileNetV2");
    assertTrue(m.weightsLoaded());
    assertFalse(m.weightsFile().isPresent());
    Tensor x = Tensor.ones(1, 96, 96, 3);
    assertArrayEquals(plain.apply(x, false).toFloatArray(), m.apply(x, false).toFloatArray());
    // Keras falls back to the 224 weights (and names the model so) for other sizes.
    LayerNames.reset();
    Model plainOdd = MobileNetV2.build(1.0, none().includeTop(false).inputShape(100, 100, 3));
    asked.clear();
    LayerNames.reset();
    ApplicationModel odd =
        MobileNetV2.build(
            1.0,
            ApplicationOptions.defaults()
                .includeTop(false)
                .inputShape(100, 100, 3)
                .weightsSource(recording(asked, savedWeights(plainOdd))));
    assertEquals("mobilenetv2_1.00_224", odd.name());
    assertEquals(
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5",
        asked.get(0).fileName());
  }

  @Test
  void weightSpecsAreKerasFiles() {
    RemoteFile x = Xception.weightSpec(false);
    assertEquals("xception_weights_tf_dim_ordering_tf_kernels_notop.h5", x.fileName());
    assertEquals(
        "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
            + "xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
        x.url().toString());
    assertEquals("b0042744bf5b25fce3cb969f33bebb97", x.fileHash());
    assertEquals("MD5", x.hashAlgorithm());
    assertEquals("0a58e3b7378bc2990ea3b43d5981f1f6", Xception.weightSpec(true).fileHash());
    assertEquals("4d473c1dd8becc155b73f8504c6f6626", ResNet50.weightSpec(false).fileHash());
    assertEquals("64373286793e3c8b2b4e3219cbf3544b", VGG16.weightSpec(true).fileHash());
    assertEquals(
        "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5",
        EfficientNetB0.weightSpec(false).url().toString());
    assertEquals(
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.4_224.h5",
        MobileNetV2.weightSpec(1.4, 224, true).fileName());
    assertThrows(IllegalArgumentException.class, () -> MobileNetV2.weightSpec(0.6, 224, true));
  }

  @Test
  void weightsFileIsLoaded() throws Exception {
    Model plain = VGG16.build(none().includeTop(false).inputShape(32, 32, 3));
    Path file = savedWeights(plain);
    LayerNames.reset();
    ApplicationModel m =
        VGG16.build(
            ApplicationOptions.defaults().weights(file).includeTop(false).inputShape(32, 32, 3));
    assertEquals(file, m.weightsFile().orElseThrow());
    assertFalse(m.imagenetWeights().isPresent());
    assertTrue(m.weightsLoaded());
    Tensor x = Tensor.ones(1, 32, 32, 3);
    assertArrayEquals(plain.apply(x, false).toFloatArray(), m.apply(x, false).toFloatArray());
    Path junk = Files.writeString(dir.resolve("junk.h5"), "x");
    LayerNames.reset();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> VGG16.build(none().weights(junk).includeTop(false).inputShape(32, 32, 3)));
    assertTrue(e.getMessage().contains("junk.h5"), e.getMessage());
  }

  @Test
  void poolingClassesActivationAndName() {
    Model avg = ResNet50.build(none().includeTop(false).inputShape(32, 32, 3).pooling("avg"));
    assertArrayEquals(new int[] {-1, 2048}, avg.outputs().get(0).shape());
    assertEquals("avg_pool", avg.layers().get(avg.layers().size() - 1).name());
    Model max =
        Xception.build(none().includeTop(false).inputShape(71, 71, 3).pooling("max").name("feat"));
    assertArrayEquals(new int[] {-1, 2048}, max.outputs().get(0).shape());
    assertEquals("feat", max.name());
    Model top =
        MobileNetV2.build(0.35, none().inputShape(96, 96, 3).classes(5).classifierActivation(null));
    assertArrayEquals(new int[] {-1, 5}, top.outputs().get(0).shape());
    float[] logits = top.predict(Tensor.ones(1, 96, 96, 3)).toFloatArray();
    double sum = 0;
    for (float v : logits) {
      sum += v;
    }
    assertTrue(Math.abs(sum - 1) > 1e-3, "logits, not probabilities");
  }

  @Test
  void inputTensorBecomesTheModelsInput() {
    KerasTensor in = Input.of(96, 96, 3);
    KerasTensor scaled = new Rescaling(1 / 127.5f, -1f).apply(in);
    ApplicationModel m = MobileNetV2.build(0.35, none().includeTop(false).inputTensor(scaled));
    assertEquals(1, m.inputs().size());
    assertEquals(in, m.inputs().get(0));
    assertEquals("mobilenetv2_0.35_96", m.name());
    assertEquals("rescaling", m.layers().get(1).name());
    String msg =
        message(
            () ->
                MobileNetV2.build(
                    0.35, none().includeTop(false).inputTensor(scaled).inputShape(128, 128, 3)));
    assertTrue(msg.contains("input_tensor.shape[2] must equal input_shape[1]"), msg);
  }

  @Test
  void efficientNetStemAndDropConnect() throws IOException {
    Model plain = EfficientNetB0.build(none().includeTop(false).inputShape(32, 32, 3));
    assertEquals("rescaling", plain.layers().get(1).name());
    assertEquals("normalization", plain.layers().get(2).name());
    assertEquals("stem_conv_pad", plain.layers().get(3).name());
    Dropout drop = (Dropout) plain.getLayer("block2b_drop");
    assertArrayEquals(new int[] {-1, 1, 1, 1}, drop.noiseShape());
    assertEquals(0.2f * 2 / 16, drop.rate(), 1e-7f); // the third block of 16
    Path weights = savedWeights(plain);
    LayerNames.reset();
    List<RemoteFile> asked = new ArrayList<>();
    Model imagenet =
        EfficientNetB0.build(
            ApplicationOptions.defaults()
                .includeTop(false)
                .inputShape(32, 32, 3)
                .weightsSource(recording(asked, weights)));
    assertEquals("efficientnetb0_notop.h5", asked.get(0).fileName());
    Rescaling std = (Rescaling) imagenet.layers().get(3);
    assertEquals("rescaling_1", std.name());
    assertArrayEquals(
        new float[] {
          (float) (1 / Math.sqrt(0.229)),
          (float) (1 / Math.sqrt(0.224)),
          (float) (1 / Math.sqrt(0.225))
        },
        std.scales(),
        1e-6f);
  }

  @Test
  void makeDivisibleAsKeras() {
    assertEquals(16, MobileNetV2.makeDivisible(32 * 0.35, 8)); // 8 < 0.9 * 11.2, so one more step
    assertEquals(32, MobileNetV2.makeDivisible(32, 8));
    assertEquals(1792, MobileNetV2.makeDivisible(1280 * 1.4, 8));
    assertEquals(8, MobileNetV2.makeDivisible(5, 8));
  }
}
