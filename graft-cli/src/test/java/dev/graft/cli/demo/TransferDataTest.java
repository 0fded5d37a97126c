package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.datasets.TrainTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransferDataTest {
  @Test
  void splitsSourceAndTargetClassesAndRelabelsTheTarget() {
    TrainTest fm = FashionMnistOrSkip.get();
    TransferData d = TransferData.of(fm, 1_000_000, 1_000_000);
    assertEquals(30_000, d.source().size());
    assertEquals(5_000, d.targetTest().size());
    assertEquals(30_000, d.targetPool().size());
    assertArrayEquals(new int[] {5_000, 28, 28, 1}, d.targetTest().images().shape().dims());
    // Count the official test labels 5-9 independently and compare with the relabelled 0-4.
    int[] official = new int[10];
    for (float l : fm.test().labels().toFloatArray()) {
      official[(int) l]++;
    }
    int[] relabelled = new int[5];
    for (float l : d.targetTest().labels().toFloatArray()) {
      relabelled[(int) l]++;
    }
    assertArrayEquals(Arrays.copyOfRange(official, 5, 10), relabelled);
    for (float l : d.source().labels().toFloatArray()) {
      assertTrue(l >= 0 && l <= 4, "source label " + l);
    }
  }

  @Test
  void fewShotDrawsTheSameImagesForASeedAndOthersForAnotherSeed() {
    TransferData d = TransferData.of(FashionMnistOrSkip.get(), 10, 10);
    TransferData.Examples a = d.fewShot(5, 1);
    TransferData.Examples again = d.fewShot(5, 1);
    TransferData.Examples other = d.fewShot(5, 2);
    assertArrayEquals(new int[] {25, 28, 28, 1}, a.images().shape().dims());
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4},
        a.labels().toFloatArray());
    assertArrayEquals(a.images().toFloatArray(), again.images().toFloatArray());
    assertFalse(Arrays.equals(a.images().toFloatArray(), other.images().toFloatArray()));
  }

  @Test
  void fewShotImagesAreDistinctTrainingImagesOfTheirClass() {
    TrainTest fm = FashionMnistOrSkip.get();
    TransferData d = TransferData.of(fm, 10, 10);
    TransferData.Examples shots = d.fewShot(5, 3);
    float[] all = fm.train().images().toFloatArray();
    float[] labels = fm.train().labels().toFloatArray();
    float[] chosen = shots.images().toFloatArray();
    int pixels = 28 * 28;
    int[] found = new int[25];
    for (int k = 0; k < 25; k++) {
      float[] img = Arrays.copyOfRange(chosen, k * pixels, (k + 1) * pixels);
      found[k] = -1;
      for (int i = 0; i < labels.length && found[k] < 0; i++) {
        if (Arrays.equals(img, 0, pixels, all, i * pixels, (i + 1) * pixels)) {
          found[k] = i;
        }
      }
      assertTrue(found[k] >= 0, "few-shot image " + k + " is not a training image");
      assertEquals(shots.labels().get(k) + 5, labels[found[k]], "label of few-shot image " + k);
    }
    assertEquals(25, Arrays.stream(found).distinct().count(), "an image was drawn twice");
  }
}
