/**
 * The MOSTLY AI platform generator: REST client, Parquet upload, pool download, cancellation.
 *
 * <p>May import: generator, generator.argn (its model options), schema, io, util.
 */
package dev.issosynth.generator.mostly;
