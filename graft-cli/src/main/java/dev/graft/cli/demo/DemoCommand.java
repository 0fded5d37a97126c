package dev.graft.cli.demo;

import dev.graft.cli.GraftCommand;
import dev.graft.cli.UserError;
import dev.graft.datasets.GraftHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code graft demo}: offline transfer learning on Fashion-MNIST (see {@link Demo}). */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Transfer learning offline on Fashion-MNIST: pretrain a small convolutional base on five"
          + " classes (cached), then learn five other classes from 5 labelled images each,"
          + " from scratch, by feature extraction and by fine-tuning; seeds 1, 2 and 3.",
      "Writes demo-curves.png and demo-report.json into the output folder."
    })
public final class DemoCommand implements Callable<Integer> {
  @ParentCommand private GraftCommand parent;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Folder for demo-curves.png and demo-report.json (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(
      names = "--quick",
      description = "A reduced size (a tiny base, a few hundred images): seconds, for trying out.")
  private boolean quick;

  @Option(
      names = "--validate",
      description =
          "Evaluate on 2,000 held-out target-class training images with seeds 11-20, as the"
              + " recipe was chosen, instead of the test images with seeds 1-3.")
  private boolean validate;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(out)) {
      throw new UserError(
          "--out " + out + ": no such folder; create it first or choose another one");
    }
    DemoRecipe recipe = quick ? DemoRecipe.quick() : DemoRecipe.full();
    if (validate) {
      recipe = recipe.forValidation();
    }
    Demo demo =
        new Demo(recipe, validate, Demo::loadFashionMnist, GraftHome.root().resolve("demo"), out);
    demo.run(parent.out());
    return GraftCommand.EXIT_OK;
  }
}
