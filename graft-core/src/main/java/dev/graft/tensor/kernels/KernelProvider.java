package dev.graft.tensor.kernels;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernel set once per JVM, as Lucene's {@code VectorizationProvider} does. The
 * Vector-API set is used when the {@code jdk.incubator.vector} module is in the boot layer;
 * otherwise graft logs one warning saying how to enable it and uses the scalar set. The system
 * property {@code graft.kernels=scalar} forces the scalar set.
 */
public final class KernelProvider {
  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final Kernels INSTANCE = choose();

  private KernelProvider() {}

  /** The kernel set of this JVM. */
  public static Kernels get() {
    return INSTANCE;
  }

  /** True when the Vector API module is available to graft in this JVM. */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /**
   * The Vector-API kernel set, for tests that compare it with the scalar one.
   *
   * @throws IllegalStateException if the vector module is not enabled
   */
  public static Kernels vector() {
    if (!vectorModulePresent()) {
      throw new IllegalStateException(
          "the Vector API is not enabled; run java with --add-modules " + VECTOR_MODULE);
    }
    try {
      // Loaded by name so that this class links even when the module is absent.
      Class<?> c = Class.forName("dev.graft.tensor.kernels.vector.VectorKernels");
      return (Kernels) c.getMethod("create").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("cannot load the Vector-API kernels: " + e, e);
    }
  }

  private static Kernels choose() {
    System.Logger log = System.getLogger("dev.graft");
    if ("scalar".equals(System.getProperty("graft.kernels"))) {
      return Kernels.scalar();
    }
    if (!vectorModulePresent()) {
      log.log(
          Level.WARNING,
          "graft: the Java Vector API is not enabled, so graft runs its scalar kernels (several"
              + " times slower). Add the JVM option --add-modules "
              + VECTOR_MODULE
              + " to enable the fast kernels.");
      return Kernels.scalar();
    }
    try {
      return vector();
    } catch (IllegalStateException e) {
      log.log(Level.WARNING, "graft: " + e.getMessage() + "; using the scalar kernels.");
      return Kernels.scalar();
    }
  }
}
