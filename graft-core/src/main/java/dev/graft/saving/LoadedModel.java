package dev.graft.saving;

import dev.graft.models.Model;

/**
 * A model read by {@link ModelFiles#loadWithReport} and what its load did.
 *
 * @param model the model: compiled, with its optimizer's state, when the file says how and graft
 *     can; otherwise uncompiled
 * @param report the weights that were set, and notes on what was left out
 */
public record LoadedModel(Model model, LoadReport report) {}
