/**
 * How close and how private a synthetic table is: the accuracy metric on binned tables, the privacy
 * figures against a holdout (distances to closest records, NNDR) and the privacy guard that screens a pool.
 *
 * <p>May import: schema, math, io, util.
 */
package dev.issosynth.quality;
