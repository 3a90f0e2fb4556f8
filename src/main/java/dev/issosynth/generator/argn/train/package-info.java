/**
 * The training loop's parts: batch sampling, the AdamW optimiser, learning-rate schedule,
 * early stopping, weight averaging and the size heuristics.
 *
 * <p>May import: util.
 */
package dev.issosynth.generator.argn.train;
