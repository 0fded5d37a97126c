package dev.graft.cli;

import dev.graft.cli.demo.DemoCommand;
import dev.graft.cli.model.EvaluateCommand;
import dev.graft.cli.model.PredictCommand;
import dev.graft.cli.model.SummaryCommand;
import dev.graft.cli.train.PreviewCommand;
import dev.graft.cli.train.TrainCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code graft} command. Each subcommand is its own class, listed in {@link
 * Command#subcommands} below; it reaches the shared {@code --debug} flag through {@link
 * CommandLine.ParentCommand}.
 *
 * <p>Exit codes: 0 success, 1 an internal error (a bug: a short message and a hint to rerun with
 * {@code --debug}), 2 an error the user can fix (a bad option, a missing file: one sentence on
 * standard error, see {@link UserError}).
 */
@Command(
    name = "graft",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keras-style transfer learning in pure Java.",
    subcommands = {
      DemoCommand.class,
      TrainCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      SummaryCommand.class,
      PreviewCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GraftCommand implements Runnable {
  /** Exit code of a success. */
  public static final int EXIT_OK = 0;

  /** Exit code of an internal error (a bug in graft). */
  public static final int EXIT_INTERNAL_ERROR = 1;

  /** Exit code of an error the user can fix. */
  public static final int EXIT_USER_ERROR = 2;

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  private PrintStream out = System.out;

  /** Runs {@code graft} with {@code args} and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs {@code graft} with {@code args}, printing to {@code out} and {@code err}; the exit code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    GraftCommand graft = new GraftCommand();
    graft.out = out;
    CommandLine cl = commandLine(graft);
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    return cl.execute(args);
  }

  /** The command line with graft's error handling; subcommands added here are handled alike. */
  static CommandLine commandLine(GraftCommand graft) {
    CommandLine cl = new CommandLine(graft);
    ErrorHandler handler = new ErrorHandler();
    cl.setParameterExceptionHandler(handler);
    cl.setExecutionExceptionHandler(handler);
    return cl;
  }

  /**
   * Where subcommands print their progress (standard output, or what {@link #run} was given); a
   * stream because the training progress bars print to one.
   */
  public PrintStream out() {
    return out;
  }

  /** Whether {@code --debug} was given. */
  public boolean debug() {
    return debug;
  }

  @Override
  public void run() {
    // `graft` alone: show what it can do.
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
