/**
 * The ISSOSYNTH post-processing on byte codes: IPF selection of an oversized subset, greedy trimming
 * and swap refinement against the training distributions, and against privacy marginals
 * ({@link dev.issosynth.selection.PrivacyTargets}) when given. Pure subset selection; knows nothing of files,
 * text or how its stages are scored (a {@link dev.issosynth.selection.StageListener} is told).
 *
 * <p>May import: schema, util.
 */
package dev.issosynth.selection;
