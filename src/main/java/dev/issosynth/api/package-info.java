/**
 * The Java API: read a training table ({@link dev.issosynth.api.Table}), fit a generator
 * ({@link dev.issosynth.api.Model}) or write a pool ({@link dev.issosynth.api.Issosynth#generatePool}), select from
 * any pool ({@link dev.issosynth.api.Issosynth#select}) and evaluate ({@link dev.issosynth.api.Issosynth#evaluate}).
 * Options are immutable and built with builders; nothing here prints or exits: progress goes to a
 * {@link dev.issosynth.api.ProgressListener}, bad input is an {@link dev.issosynth.api.IssosynthException} with a
 * one-line message. The same seed gives the same files as the command line.
 *
 * <p>May import: pipeline, generator, selection, quality, schema, io, util (the floors below the command line).
 */
package dev.issosynth.api;
