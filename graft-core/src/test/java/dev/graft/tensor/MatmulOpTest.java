package dev.graft.tensor;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matmul: 2-D, batched with broadcast batch axes, and with transposed or sliced operands. */
class MatmulOpTest {

  /** NumPy's matmul for operands of rank >= 2, as a triple loop per batch index. */
  static Nd matmul(Nd a, Nd b) {
    int m = a.shape[a.rank() - 2];
    int k = a.shape[a.rank() - 1];
    int n = b.shape[b.rank() - 1];
    int[] batch =
        Nd.broadcastShape(
            Arrays.copyOf(a.shape, a.rank() - 2), Arrays.copyOf(b.shape, b.rank() - 2));
    int[] out = Arrays.copyOf(batch, batch.length + 2);
    out[batch.length] = m;
    out[batch.length + 1] = n;
    Nd o = Nd.zeros(out);
    int[] ia = new int[out.length];
    int[] ib = new int[out.length];
    int[] pos = {0};
    Nd.forEachIndex(
        out,
        idx -> {
          System.arraycopy(idx, 0, ia, 0, batch.length);
          System.arraycopy(idx, 0, ib, 0, batch.length);
          ia[batch.length] = idx[batch.length];
          ib[batch.length + 1] = idx[batch.length + 1];
          double s = 0;
          for (int t = 0; t < k; t++) {
            ia[batch.length + 1] = t;
            ib[batch.length] = t;
            s += a.getBroadcast(ia) * b.getBroadcast(ib);
          }
          o.v[pos[0]++] = s;
        });
    return o;
  }

  private static OpCheck check() {
    return OpCheck.op("matmul", in -> Ops.matmul(in[0], in[1]), in -> matmul(in[0], in[1]));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(new int[] {2, 3}, new int[] {3, 4}),
        Arguments.of(new int[] {1, 1}, new int[] {1, 1}),
        Arguments.of(new int[] {1, 17}, new int[] {17, 1}),
        Arguments.of(new int[] {17, 1}, new int[] {1, 13}),
        Arguments.of(new int[] {7, 13}, new int[] {13, 31}),
        Arguments.of(new int[] {33, 5}, new int[] {5, 100}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {2, 4, 5}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {4, 5}),
        Arguments.of(new int[] {3, 4}, new int[] {2, 4, 5}),
        Arguments.of(new int[] {2, 1, 3, 4}, new int[] {5, 4, 2}),
        Arguments.of(new int[] {1, 3, 4}, new int[] {6, 4, 2}),
        Arguments.of(new int[] {3, 1, 2, 5}, new int[] {1, 4, 5, 3}),
        Arguments.of(new int[] {64, 130}, new int[] {130, 70}));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matmulForwardAndGradient(int[] shapeA, int[] shapeB) {
    Rng rng = new Rng(31);
    check().fwdTol(1e-5, 1e-5).check(rng.uniform(-1f, 1f, shapeA), rng.uniform(-1f, 1f, shapeB));
  }

  @Test
  void transposedOperands() {
    Rng rng = new Rng(32);
    Tensor a = rng.uniform(-1f, 1f, 5, 3); // transposed: (3, 5)
    Tensor b = rng.uniform(-1f, 1f, 4, 5); // transposed: (5, 4)
    check().check(Ops.transpose(a), rng.uniform(-1f, 1f, 5, 4));
    check().check(rng.uniform(-1f, 1f, 3, 5), Ops.transpose(b));
    check().check(Ops.transpose(a), Ops.transpose(b));
    // Batched: swap the last two axes of a (2, 4, 3) to get (2, 3, 4).
    Tensor batched = Ops.transpose(rng.uniform(-1f, 1f, 2, 4, 3), 0, 2, 1);
    check().check(batched, rng.uniform(-1f, 1f, 4, 6));
    check()
        .check(
            rng.uniform(-1f, 1f, 2, 6, 3), Ops.transpose(rng.uniform(-1f, 1f, 2, 4, 3), 0, 2, 1));
    // Batch axis moved to the middle: (3, 2, 4) -> (2, 3, 4).
    check()
        .check(Ops.transpose(rng.uniform(-1f, 1f, 3, 2, 4), 1, 0, 2), rng.uniform(-1f, 1f, 4, 5));
    // Larger, with odd sizes.
    check()
        .check(
            Ops.transpose(rng.uniform(-1f, 1f, 37, 19)),
            Ops.transpose(rng.uniform(-1f, 1f, 23, 37)));
  }

  @Test
  void slicedOperands() {
    Rng rng = new Rng(33);
    Tensor a = Ops.slice(rng.uniform(-1f, 1f, 9, 10), new int[] {2, 3}, new int[] {4, 6});
    Tensor b = Ops.slice(rng.uniform(-1f, 1f, 8, 7), new int[] {1, 2}, new int[] {6, 5});
    check().check(a, b);
  }

  @Test
  void broadcastOperandFromBroadcastTo() {
    Rng rng = new Rng(34);
    Tensor w = Ops.broadcastTo(rng.uniform(-1f, 1f, 1, 4, 3), 2, 4, 3);
    check().check(rng.uniform(-1f, 1f, 2, 5, 4), w);
  }
}
