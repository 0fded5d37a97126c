package dev.graft.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

final class DatasetTestSupport {
  private DatasetTestSupport() {}

  static Dataset<Integer> range(int n) {
    return Dataset.fromList(IntStream.range(0, n).boxed().toList());
  }

  static <T> List<T> list(Dataset<T> ds) {
    List<T> out = new ArrayList<>();
    for (T t : ds) {
      out.add(t);
    }
    return out;
  }

  /** Live worker threads of the pipeline (the shared cleaner thread is not counted). */
  static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                n.startsWith(Workers.THREAD_PREFIX + "prefetch")
                    || n.startsWith(Workers.THREAD_PREFIX + "map"))
        .count();
  }
}
