package dev.graft.applications;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.autodiff.Variable;
import dev.graft.layers.LayerNames;
import dev.graft.models.Model;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts against the figures Keras 3 prints for the same constructor calls (its
 * documentation table and {@code model.summary()}; the no-top figures at the sizes below are those
 * the golden folder and Keras's summaries give).
 */
class ApplicationCountsTest {
  @BeforeEach
  void freshNames() {
    LayerNames.reset();
  }

  private static ApplicationOptions noWeights() {
    return ApplicationOptions.defaults().weights((String) null);
  }

  @Test
  void xceptionWithoutTopAt150() {
    Model m = Xception.build(noWeights().includeTop(false).inputShape(150, 150, 3));
    assertCounts(m, 20_861_480, 20_806_952, 54_528);
    assertArrayEquals(new int[] {-1, 5, 5, 2048}, m.outputs().get(0).shape());
  }

  @Test
  void xceptionWithTop() {
    assertCounts(Xception.build(noWeights()), 22_910_480, 22_855_952, 54_528);
  }

  @Test
  void mobileNetV2Alpha035At96WithoutTop() {
    Model m = MobileNetV2.build(0.35, noWeights().includeTop(false).inputShape(96, 96, 3));
    assertCounts(m, 410_208, 396_128, 14_080);
    assertEquals("mobilenetv2_0.35_96", m.name());
    assertArrayEquals(new int[] {-1, 3, 3, 1280}, m.outputs().get(0).shape());
  }

  @Test
  void mobileNetV2Alpha1WithTop() {
    Model m = MobileNetV2.build(1.0, noWeights());
    assertCounts(m, 3_538_984, 3_504_872, 34_112);
    assertEquals("mobilenetv2_1.00_224", m.name());
  }

  @Test
  void resNet50WithoutTopAt96() {
    Model m = ResNet50.build(noWeights().includeTop(false).inputShape(96, 96, 3));
    assertCounts(m, 23_587_712, 23_534_592, 53_120);
    assertArrayEquals(new int[] {-1, 3, 3, 2048}, m.outputs().get(0).shape());
  }

  @Test
  void resNet50WithTop() {
    assertCounts(ResNet50.build(noWeights()), 25_636_712, 25_583_592, 53_120);
  }

  @Test
  void vgg16WithTop() {
    assertCounts(VGG16.build(noWeights()), 138_357_544, 138_357_544, 0);
  }

  @Test
  void efficientNetB0WithTop() {
    // Non-trainable: the BN moving statistics and the stem Normalization's mean, variance, count.
    assertCounts(EfficientNetB0.build(noWeights()), 5_330_571, 5_288_548, 42_023);
  }

  static void assertCounts(Model m, long total, long trainable, long nonTrainable) {
    assertEquals(total, m.countParams(), m.name() + " total");
    assertEquals(trainable, size(m.trainableWeights()), m.name() + " trainable");
    assertEquals(nonTrainable, size(m.nonTrainableWeights()), m.name() + " non-trainable");
  }

  static long size(List<Variable> vs) {
    long n = 0;
    for (Variable v : vs) {
      n += v.size();
    }
    return n;
  }
}
