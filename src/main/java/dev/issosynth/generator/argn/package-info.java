/**
 * The embedded TabularARGN generator: trains flat models on the encoded table and samples the
 * pool; saves and loads models.
 *
 * <p>May import: its sub-packages, generator, schema, math, io, util.
 */
package dev.issosynth.generator.argn;
