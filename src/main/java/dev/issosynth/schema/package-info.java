/**
 * Column types and binnings fitted on the training data, the byte-code tables every stage works on,
 * missing-value rules, and the training table as jobs hand it along.
 *
 * <p>May import: io.
 */
package dev.issosynth.schema;
