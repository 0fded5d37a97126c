package dev.graft.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap used while a benchmark runs, two ways: the largest heap still in use right after a
 * garbage collection (the live data, a lower bound of what the run needs), and the sum of each heap
 * pool's peak (eden, survivor, old; they need not peak together, so an upper bound that grows with
 * {@code -Xmx}).
 */
final class HeapPeak {
  private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
  private static boolean listening;

  private HeapPeak() {}

  /** Starts a measurement. */
  static synchronized void reset() {
    if (!listening) {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(
              (n, handback) -> {
                if (n.getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long used = 0;
                  for (Map.Entry<String, MemoryUsage> e :
                      info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                      used += e.getValue().getUsed();
                    }
                  }
                  MAX_AFTER_GC.accumulateAndGet(used, Math::max);
                }
              },
              null,
              null);
        }
      }
      listening = true;
    }
    System.gc();
    MAX_AFTER_GC.set(0);
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static boolean isHeap(String pool) {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getName().equals(pool)) {
        return p.getType() == MemoryType.HEAP;
      }
    }
    return false;
  }

  /** The largest heap in use right after a collection since {@link #reset()}, in MiB. */
  static double liveAfterGcMiB() {
    return MAX_AFTER_GC.get() / (1024.0 * 1024.0);
  }

  /** The sum of the heap pools' peaks since {@link #reset()}, in MiB. */
  static double poolPeaksMiB() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        bytes += p.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  /** The heap limit ({@code -Xmx}) in MiB. */
  static double maxMiB() {
    return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
  }
}
