/**
 * How close and how private a synthetic table is: the accuracy metric on binned tables, the privacy
 * figures against a holdout as MOSTLY AI's QA library computes them (distances to closest records, NNDR, on the
 * library's encoding, for all columns and for groups of correlated and of random columns), and the yardstick the
 * selection's privacy steering measures pool rows by (no holdout needed).
 *
 * <p>May import: schema, math, io, util.
 */
package dev.issosynth.quality;
