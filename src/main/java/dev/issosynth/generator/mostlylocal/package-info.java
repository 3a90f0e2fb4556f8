/**
 * A bridge to a local Python mostlyai SDK run as a subprocess: probe, parameters,
 * progress, process-tree shutdown.
 *
 * <p>May import: generator, generator.argn (its model options), generator.mostly, schema, io, util.
 */
package dev.issosynth.generator.mostlylocal;
