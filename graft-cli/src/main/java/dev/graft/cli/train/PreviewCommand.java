package dev.graft.cli.train;

import dev.graft.cli.DataFolder;
import dev.graft.cli.GraftCommand;
import dev.graft.cli.UserError;
import dev.graft.data.FileDataset;
import dev.graft.data.image.ImageDatasetOptions;
import dev.graft.data.image.ImageDatasets;
import dev.graft.data.image.ImageGrid;
import dev.graft.layers.Layer;
import dev.graft.models.Sequential;
import dev.graft.training.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code graft preview}: the guide's 3x3 grids of the data and of its augmentations. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Draws 9 images of a folder with their class names in a 3x3 grid, as the Keras guide.",
      "With --augment it also draws 9 augmentations of the first image into NAME-augmented.png."
    })
public final class PreviewCommand implements Callable<Integer> {
  @ParentCommand private GraftCommand parent;

  @Option(names = "--data", paramLabel = "DIR", required = true, description = "The images.")
  Path data;

  @Option(names = "--augment", description = "As for train, e.g. flip,rotate=0.1.")
  String augment;

  @Option(names = "--image-size", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
  int imageSize;

  @Option(names = "--seed", defaultValue = "1337", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "FILE.png",
      defaultValue = "grid.png",
      description = "Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<String> names = DataFolder.classNames(data);
    List<Layer> layers = Augmentation.layers(augment);
    Path dir = out.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir) || !out.getFileName().toString().endsWith(".png")) {
      throw new UserError("--out " + out + ": give a .png file in an existing folder");
    }
    if (imageSize <= 0) {
      throw new UserError("--image-size must be positive, got " + imageSize);
    }
    FileDataset<Batch> ds =
        ImageDatasets.fromDirectory(
            data,
            ImageDatasetOptions.defaults()
                .imageSize(imageSize, imageSize)
                .batchSize(9)
                .seed(seed)
                .out(parent.out()));
    ImageGrid.write(ds, names, 3, 3, out);
    parent.out().println("Wrote " + out + ".");
    if (!layers.isEmpty()) {
      Sequential augmentation = new Sequential("augmentation");
      layers.forEach(augmentation::add);
      Iterator<Batch> it = ds.iterator();
      Batch first = it.next();
      if (it instanceof AutoCloseable c) {
        c.close();
      }
      String name = out.getFileName().toString();
      Path augmented = out.resolveSibling(name.substring(0, name.length() - 4) + "-augmented.png");
      ImageGrid.writeAugmentations(firstImage(first), augmentation, 3, 3, augmented);
      parent.out().println("Wrote " + augmented + ".");
    }
    return GraftCommand.EXIT_OK;
  }

  private static dev.graft.tensor.Tensor firstImage(Batch b) {
    int[] d = b.x().shape().dims();
    return dev.graft.tensor.Ops.slice(
        b.x(), new int[] {0, 0, 0, 0}, new int[] {1, d[1], d[2], d[3]});
  }
}
