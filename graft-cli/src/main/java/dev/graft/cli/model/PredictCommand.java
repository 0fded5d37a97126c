package dev.graft.cli.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.cli.GraftCommand;
import dev.graft.cli.UserError;
import dev.graft.data.image.ColorMode;
import dev.graft.data.image.ImageDecodeException;
import dev.graft.data.image.ImageDecoder;
import dev.graft.data.image.ImageFiles;
import dev.graft.data.image.ImageResize;
import dev.graft.data.image.Interpolation;
import dev.graft.tensor.Ops;
import dev.graft.tensor.Tensor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code graft predict}: the class and its probability for each image. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Classifies images with a model from graft train: the most probable class and its"
            + " probability per image, as a table or JSON.")
public final class PredictCommand implements Callable<Integer> {
  private static final int BATCH = 32;

  @ParentCommand private GraftCommand parent;

  @Option(names = "--model", paramLabel = "FILE.keras", required = true, description = "The model.")
  Path modelFile;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Parameters(
      paramLabel = "IMAGE_OR_DIR",
      arity = "1..*",
      description = "Image files, or folders searched for images (also in subfolders).")
  List<Path> inputs;

  @Override
  public Integer call() throws Exception {
    TrainedModel m = TrainedModel.load(modelFile);
    List<Path> images = images(inputs);
    int[] shape = m.imageShape();
    ColorMode mode =
        shape[2] == 1 ? ColorMode.GRAYSCALE : shape[2] == 4 ? ColorMode.RGBA : ColorMode.RGB;
    List<double[]> probabilities = new ArrayList<>();
    for (int start = 0; start < images.size(); start += BATCH) {
      List<Path> chunk = images.subList(start, Math.min(images.size(), start + BATCH));
      Tensor[] xs = new Tensor[chunk.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = read(chunk.get(i), mode, shape);
      }
      float[] out = m.model().predict(Ops.stack(0, xs), BATCH).toFloatArray();
      int width = m.outputWidth();
      for (int i = 0; i < xs.length; i++) {
        probabilities.add(
            Probabilities.of(out, i * width, width, m.classNames().size(), m.fromLogits()));
      }
    }
    print(parent.out(), images, probabilities, m.classNames());
    return GraftCommand.EXIT_OK;
  }

  private void print(
      PrintStream out, List<Path> images, List<double[]> probabilities, List<String> names)
      throws Exception {
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode array = mapper.createArrayNode();
      for (int i = 0; i < images.size(); i++) {
        int c = Probabilities.argmax(probabilities.get(i));
        ObjectNode row = array.addObject();
        row.put("file", images.get(i).toString());
        row.put("class", names.get(c));
        row.put("probability", probabilities.get(i)[c]);
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return;
    }
    int width = 4;
    for (Path p : images) {
      width = Math.max(width, p.toString().length());
    }
    out.printf(Locale.ROOT, "%-" + width + "s  %-20s %s%n", "file", "class", "probability");
    for (int i = 0; i < images.size(); i++) {
      int c = Probabilities.argmax(probabilities.get(i));
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %-20s %.4f%n",
          images.get(i),
          names.get(c),
          probabilities.get(i)[c]);
    }
  }

  private static Tensor read(Path file, ColorMode mode, int[] shape) {
    try {
      Tensor image = ImageDecoder.decode(file, mode);
      return ImageResize.resize(image, shape[0], shape[1], Interpolation.BILINEAR);
    } catch (ImageDecodeException e) {
      throw new UserError(file + ": not an image graft can read (" + e.getMessage() + ")", e);
    }
  }

  private static List<Path> images(List<Path> inputs) {
    List<Path> images = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        images.addAll(ImageFiles.list(p));
      } else if (Files.isRegularFile(p)) {
        images.add(p);
      } else {
        throw new UserError(p + ": no such image file or folder");
      }
    }
    if (images.isEmpty()) {
      throw new UserError("no images found in " + inputs + "; give image files or folders of them");
    }
    return images;
  }
}
