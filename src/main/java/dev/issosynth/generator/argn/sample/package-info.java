/**
 * Drawing one code from a sub-column's logits: temperature, nucleus (top-p) and fixed
 * probabilities.
 *
 * <p>May import: math.
 */
package dev.issosynth.generator.argn.sample;
