package dev.graft.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on standard error and graft's exit codes: bad arguments and {@link
 * UserError}s (also file-system errors naming a path) exit 2; anything else is a bug and exits 1
 * with a hint to rerun with {@code --debug}, which prints the stack trace in both cases.
 */
final class ErrorHandler
    implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    if (debugRequested(args)) {
      e.printStackTrace(err);
    }
    err.println("graft: " + sentence(e.getMessage()) + " See '" + helpCommand(cl) + "'.");
    err.flush();
    return GraftCommand.EXIT_USER_ERROR;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean debug = debugRequested(parsed.originalArgs().toArray(new String[0]));
    if (debug) {
      e.printStackTrace(err);
    }
    String userMessage = userMessage(e);
    int code;
    if (userMessage != null) {
      err.println("graft: " + sentence(userMessage));
      code = GraftCommand.EXIT_USER_ERROR;
    } else {
      err.println(
          "graft: internal error: "
              + e
              + (debug ? "" : " (rerun with --debug for the stack trace and report it)"));
      code = GraftCommand.EXIT_INTERNAL_ERROR;
    }
    err.flush();
    return code;
  }

  /** The message of an error the user can fix, or null for a bug. */
  static String userMessage(Throwable e) {
    if (e instanceof UserError) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return userMessage(e.getCause());
    }
    if (e instanceof NoSuchFileException nsf) {
      return nsf.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException ade) {
      return ade.getFile() + ": permission denied";
    }
    return null;
  }

  /** {@code --debug} may stand anywhere: its subcommands inherit it. */
  private static boolean debugRequested(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static String helpCommand(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + " --help";
  }

  /** One line ending with a full stop. */
  static String sentence(String message) {
    String s = message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
  }
}
