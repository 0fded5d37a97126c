/**
 * Keras's applications in Java: {@link dev.graft.applications.Xception}, {@link
 * dev.graft.applications.MobileNetV2}, {@link dev.graft.applications.ResNet50}, {@link
 * dev.graft.applications.VGG16} and {@link dev.graft.applications.EfficientNetB0}, built layer for
 * layer as Keras 3 builds them (same layer names, order and weight shapes, so Keras weight files
 * map onto them), with each family's {@code preprocessInput} and ImageNet's {@link
 * dev.graft.applications.Predictions#decode decodePredictions}.
 *
 * <pre>{@code
 * ApplicationModel base =
 *     Xception.build(
 *         ApplicationOptions.defaults().weights("imagenet").includeTop(false).inputShape(150, 150, 3));
 * base.setTrainable(false);
 * KerasTensor in = Input.of(150, 150, 3);
 * KerasTensor x = new Rescaling(1 / 127.5f, -1).apply(in);
 * x = base.apply(x, false); // the base stays in inference mode, also once unfrozen
 * x = new GlobalAveragePooling2D().apply(x);
 * Model model = new Model(in, new Dense(1).apply(new Dropout(0.2f).apply(x)), "transfer");
 * }</pre>
 *
 * <p>Pretrained weights: every model records what was asked for ({@link
 * dev.graft.applications.ApplicationModel#imagenetWeights()}, a {@link
 * dev.graft.io.download.RemoteFile} with Keras's file name, address and hash, or a local file);
 * {@link dev.graft.applications.PretrainedWeights} is the one place where they are found in Keras's
 * cache or graft's, or downloaded, and loaded.
 */
package dev.graft.applications;
