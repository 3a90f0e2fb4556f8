/**
 * The jobs: {@code run} ({@link dev.issosynth.pipeline.RunJob}), {@code select}, {@code generate},
 * {@code evaluate} and {@code report}. A job reads the training file once into a
 * {@link dev.issosynth.schema.TrainingTable} and hands that one value to the pool stage, the selection, the
 * evaluation and the report; a generated pool is binned while it is written. Owns the default output paths
 * (pool_data/, results/) and the generators by name.
 *
 * <p>May import: report, generator, selection, quality, schema, math, io, util.
 */
package dev.issosynth.pipeline;
