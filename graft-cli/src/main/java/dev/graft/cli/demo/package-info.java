/**
 * {@code graft demo}: transfer learning offline on Fashion-MNIST. {@link
 * dev.graft.cli.demo.DemoRecipe} fixes every setting, {@link dev.graft.cli.demo.Demo} runs the
 * steps: pretrain a compact base on five classes (cached by recipe), then compare training from
 * scratch, feature extraction and fine-tuning on five other classes from five labelled images each.
 */
package dev.graft.cli.demo;
