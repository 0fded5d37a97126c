package dev.graft.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.data.Sample;
import dev.graft.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuarterTurnsTest {
  @Test
  void oneTurnIsCounterclockwise() {
    // 1 2      2 4
    // 3 4  ->  1 3
    float[] out = new float[4];
    QuarterTurns.turn(new float[] {1, 2, 3, 4}, 2, 1, out);
    assertArrayEquals(new float[] {2, 4, 1, 3}, out);
  }

  @Test
  void turnsMatchTransposeThenReverseRowsOnAnOddSide() {
    int side = 5;
    float[] image = new float[side * side];
    for (int i = 0; i < image.length; i++) {
      image[i] = i * 1.5f + 1;
    }
    float[] expected = image.clone();
    for (int turns = 0; turns <= 4; turns++) {
      float[] out = new float[image.length];
      QuarterTurns.turn(image, side, turns, out);
      assertArrayEquals(expected, out, turns + " turns");
      expected = transposeThenReverseRows(expected, side);
    }
  }

  @Test
  void eachSampleIsTurnedAndLabelledWithItsClassAndTurns() {
    int side = 3;
    float[] image = new float[side * side];
    for (int p = 0; p < image.length; p++) {
      image[p] = p + 1; // every pixel distinct: the turn can be read back
    }
    QuarterTurns map = new QuarterTurns(3);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      int label = i % 5;
      Sample out = map.apply(new Sample(Tensor.of(image, side, side, 1), Tensor.scalar(label)));
      assertArrayEquals(new int[] {side, side, 1}, out.x().shape().dims());
      int y = (int) out.y().toFloatArray()[0];
      assertEquals(label, y / QuarterTurns.TURNS, "the class of sample " + i);
      int turns = y % QuarterTurns.TURNS;
      float[] expected = image;
      for (int t = 0; t < turns; t++) {
        expected = transposeThenReverseRows(expected, side);
      }
      assertArrayEquals(expected, out.x().toFloatArray(), "sample " + i + ", " + turns + " turns");
      seen.add(turns);
    }
    assertEquals(Set.of(0, 1, 2, 3), seen, "40 draws use every number of turns");
  }

  @Test
  void theSameSeedTurnsTheSameWay() {
    QuarterTurns a = new QuarterTurns(11);
    QuarterTurns b = new QuarterTurns(11);
    Sample s = new Sample(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1), Tensor.scalar(2));
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(a.apply(s).y().toFloatArray(), b.apply(s).y().toFloatArray());
    }
  }

  /** A counterclockwise quarter turn written another way: transpose, then reverse the rows. */
  private static float[] transposeThenReverseRows(float[] image, int side) {
    float[] transposed = new float[image.length];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        transposed[c * side + r] = image[r * side + c];
      }
    }
    float[] out = new float[image.length];
    for (int r = 0; r < side; r++) {
      System.arraycopy(transposed, r * side, out, (side - 1 - r) * side, side);
    }
    return out;
  }
}
