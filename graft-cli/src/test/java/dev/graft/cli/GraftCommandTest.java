package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class GraftCommandTest {
  /** The exit code and what went to standard output and standard error. */
  public record Run(int code, String out, String err) {}

  public static Run graft(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GraftCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long lines(String s) {
    return s.lines().filter(l -> !l.isBlank()).count();
  }

  @Test
  void versionNamesGraftAndJava() {
    Run r = graft("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("graft 0."), r.out());
    assertTrue(r.out().contains("Java " + Runtime.version()), r.out());
    assertFalse(r.out().contains("${"), "the version was not filled in by the build: " + r.out());
  }

  @Test
  void noArgumentsPrintsUsageWithTheDemo() {
    Run r = graft();
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage: graft"), r.out());
    assertTrue(r.out().contains("demo"), r.out());
  }

  @Test
  void helpOfTheDemoListsItsOptions() {
    Run r = graft("demo", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--out=DIR"), r.out());
    assertTrue(r.out().contains("--quick"), r.out());
  }

  @Test
  void missingOptionValueIsOneSentenceAndExitCode2() {
    Run r = graft("demo", "--out");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(1, lines(r.err()), r.err());
    assertTrue(r.err().startsWith("graft: Missing required parameter for option '--out'"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void unknownOptionAndUnknownCommandExit2() {
    Run option = graft("demo", "--fast");
    assertEquals(2, option.code());
    assertEquals(1, lines(option.err()), option.err());
    assertTrue(option.err().contains("Unknown option: '--fast'"), option.err());
    Run command = graft("trian");
    assertEquals(2, command.code());
    assertEquals(1, lines(command.err()), command.err());
  }

  @Test
  void debugShowsTheStackTraceOfAParseError() {
    Run r = graft("--debug", "demo", "--out");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("\tat picocli."), r.err());
    assertTrue(r.err().strip().endsWith("See 'graft demo --help'."), r.err());
  }

  @Test
  void missingOutputFolderIsAUserError(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-folder");
    Run r = graft("demo", "--quick", "--out", missing.toString());
    assertEquals(2, r.code());
    assertEquals(
        "graft: --out " + missing + ": no such folder; create it first or choose another one.",
        r.err().strip());
    Run debug = graft("demo", "--quick", "--debug", "--out", missing.toString());
    assertEquals(2, debug.code());
    assertTrue(debug.err().contains("dev.graft.cli.UserError"), debug.err());
    assertTrue(debug.err().contains("\tat dev.graft.cli.demo.DemoCommand.call"), debug.err());
  }

  @picocli.CommandLine.Command(name = "fail")
  static final class Failing implements java.util.concurrent.Callable<Integer> {
    private final RuntimeException error;

    Failing(RuntimeException error) {
      this.error = error;
    }

    @Override
    public Integer call() {
      throw error;
    }
  }

  /** graft with an extra subcommand {@code fail} that throws {@code error}. */
  private static Run failingWith(RuntimeException error, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    picocli.CommandLine cl = GraftCommand.commandLine(new GraftCommand());
    cl.addSubcommand("fail", new Failing(error));
    cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cl.execute(args);
    return new Run(code, "", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void internalErrorExits1WithAHintToUseDebug() {
    Run r = failingWith(new IllegalStateException("broken invariant"), "fail");
    assertEquals(1, r.code());
    assertEquals(1, lines(r.err()), r.err());
    assertTrue(
        r.err().contains("internal error: java.lang.IllegalStateException: broken invariant"));
    assertTrue(r.err().contains("rerun with --debug"), r.err());
    Run debug = failingWith(new IllegalStateException("broken invariant"), "--debug", "fail");
    assertEquals(1, debug.code());
    assertTrue(debug.err().contains("\tat "), debug.err());
  }

  @Test
  void userErrorFromACommandExits2WithItsSentence() {
    Run r = failingWith(new UserError("the folder x has one class; add a second one"), "fail");
    assertEquals(2, r.code());
    assertEquals("graft: the folder x has one class; add a second one.", r.err().strip());
  }

  @Test
  void errorHandlerSortsUserErrorsFromBugs() {
    assertEquals(
        "x: no such file or directory",
        ErrorHandler.userMessage(new java.nio.file.NoSuchFileException("x")));
    assertEquals("be clear", ErrorHandler.userMessage(new UserError("be clear")));
    assertEquals(null, ErrorHandler.userMessage(new IllegalStateException("bug")));
    assertEquals("one line.", ErrorHandler.sentence("one\n  line"));
    assertEquals("done!", ErrorHandler.sentence("done!"));
  }
}
