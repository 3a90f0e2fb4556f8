/**
 * Pool generators behind one interface ({@link dev.issosynth.generator.PoolGenerator}): each learns
 * from the training table and writes its pool through a {@link dev.issosynth.generator.PoolOutput}. Shared
 * parts for outside models (normalising their pools, work folders) live here; the models in sub-packages.
 *
 * <p>May import: schema, math, io, util (sub-packages: this package and the argn options).
 */
package dev.issosynth.generator;
