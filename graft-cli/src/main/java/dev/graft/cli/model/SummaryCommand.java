package dev.graft.cli.model;

import dev.graft.cli.GraftCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code graft summary MODEL_FILE}: Keras's {@code model.summary()} of a saved model. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Prints Keras's summary of a .keras or legacy .h5 model file.")
public final class SummaryCommand implements Callable<Integer> {
  @ParentCommand private GraftCommand parent;

  @Parameters(paramLabel = "MODEL_FILE", description = "A .keras or .h5 model file.")
  Path file;

  @Override
  public Integer call() {
    parent.out().print(ModelFile.load(file).summaryString());
    parent.out().flush();
    return GraftCommand.EXIT_OK;
  }
}
