package dev.graft.cli.train;

import dev.graft.applications.ApplicationOptions;
import dev.graft.applications.EfficientNetB0;
import dev.graft.applications.MobileNetV2;
import dev.graft.applications.PreprocessMode;
import dev.graft.applications.ResNet50;
import dev.graft.applications.Xception;
import dev.graft.models.Model;
import java.util.Locale;
import java.util.function.Function;

/**
 * The application bases {@code --base} names, each with the pixel preprocessing its ImageNet
 * weights expect (Keras's {@code preprocess_input} mode for that family).
 */
enum BaseFamily {
  XCEPTION(PreprocessMode.TF, Xception::build),
  MOBILENETV2(PreprocessMode.TF, o -> MobileNetV2.build(1.0, o)),
  RESNET50(PreprocessMode.CAFFE, ResNet50::build),
  EFFICIENTNETB0(PreprocessMode.IDENTITY, EfficientNetB0::build),
  VGG16(PreprocessMode.CAFFE, o -> dev.graft.applications.VGG16.build(o));

  private final PreprocessMode preprocessing;
  private final Function<ApplicationOptions, Model> builder;

  BaseFamily(PreprocessMode preprocessing, Function<ApplicationOptions, Model> builder) {
    this.preprocessing = preprocessing;
    this.builder = builder;
  }

  /** The family called {@code name} on the command line ({@code xception}, ...), or null. */
  static BaseFamily named(String name) {
    for (BaseFamily f : values()) {
      if (f.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  PreprocessMode preprocessing() {
    return preprocessing;
  }

  /** The base without its classifier, for images {@code (size, size, 3)}. */
  Model build(int size, ApplicationOptions weights) {
    return builder.apply(weights.includeTop(false).inputShape(size, size, 3));
  }
}
