/**
 * The argn network: parameter layout, forward and backward passes, dropout, the
 * generation context and model sizes, on primitive float arrays.
 *
 * <p>May import: generator.argn.encoding, generator.argn.train, math, util.
 */
package dev.issosynth.generator.argn.model;
