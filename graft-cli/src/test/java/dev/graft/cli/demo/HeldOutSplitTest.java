package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.datasets.LabeledImages;
import dev.graft.datasets.TrainTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The validation split: 2,000 target training images held out, none of them left in the training
 * part, the source images untouched (so the cached base is the demo's own), the same draw every
 * time.
 */
class HeldOutSplitTest {
  @Test
  void holdsOutTargetTrainingImagesOnlyAndKeepsTheSourceAsItWas() {
    TrainTest fm = FashionMnistOrSkip.get();
    TrainTest split = HeldOutSplit.of(fm);
    LabeledImages held = split.test();
    LabeledImages kept = split.train();
    assertEquals(HeldOutSplit.IMAGES, held.size());
    assertEquals(fm.train().size() - HeldOutSplit.IMAGES, kept.size());
    int[] perClass = new int[10];
    for (int i = 0; i < held.size(); i++) {
      assertTrue(held.label(i) >= 5, "held-out image " + i + " has source label " + held.label(i));
      perClass[held.label(i)]++;
    }
    for (int i = 0; i < kept.size(); i++) {
      perClass[kept.label(i)]++;
    }
    int[] original = new int[10];
    for (int i = 0; i < fm.train().size(); i++) {
      original[fm.train().label(i)]++;
    }
    assertArrayEquals(original, perClass);

    // No held-out image is left in the training part (images compared by content).
    Set<List<Float>> heldImages = new HashSet<>(images(held));
    int overlap = 0;
    for (List<Float> image : images(kept.ofClasses(5, 6, 7, 8, 9))) {
      overlap += heldImages.contains(image) ? 1 : 0;
    }
    // Fashion-MNIST has a few exact duplicate images; a held-out image may equal a kept one.
    assertTrue(overlap < 20, overlap + " held-out images also in the training part");

    LabeledImages source = kept.ofClasses(0, 1, 2, 3, 4);
    LabeledImages originalSource = fm.train().ofClasses(0, 1, 2, 3, 4);
    assertArrayEquals(
        originalSource.images().toFloatArray(), source.images().toFloatArray(), "source images");

    LabeledImages again = HeldOutSplit.of(fm).test();
    assertArrayEquals(held.images().toFloatArray(), again.images().toFloatArray(), "same draw");
  }

  @Test
  void validationRecipesUseTheirOwnSeedsAndAtMostTheHeldOutImages() {
    DemoRecipe v = DemoRecipe.full().forValidation();
    assertEquals(HeldOutSplit.SEEDS, v.seeds());
    assertEquals(11L, v.seeds().get(0));
    assertEquals(10, v.seeds().size());
    assertEquals(HeldOutSplit.IMAGES, v.testImages());
    assertEquals(DemoRecipe.full().pretraining(), v.pretraining());
  }

  /** Each image's pixels as a list, comparable by content. */
  private static List<List<Float>> images(LabeledImages d) {
    float[] all = d.images().toFloatArray();
    int pixels = all.length / d.size();
    List<List<Float>> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      List<Float> image = new ArrayList<>(pixels);
      for (int p = i * pixels; p < (i + 1) * pixels; p++) {
        image.add(all[p]);
      }
      out.add(image);
    }
    return out;
  }
}
