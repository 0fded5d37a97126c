package dev.graft.io.download;

import java.io.Console;

/** Whether the process talks to a terminal, where a progress bar may redraw itself in place. */
final class StandardError {
  private StandardError() {}

  /**
   * Before JDK 22 {@code System.console()} is non-null only on a terminal; from JDK 22 it may be
   * non-null for redirected output too, and {@code Console.isTerminal()} (looked up by name, since
   * graft compiles for Java 17) tells.
   */
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
