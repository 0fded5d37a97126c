package dev.graft.models;

/** Formats {@link Model#summary()}. Placeholder until the Keras-style table lands. */
final class Summary {
  private Summary() {}

  static String of(Model model) {
    return "Model: \"" + model.name() + "\"\n";
  }
}
