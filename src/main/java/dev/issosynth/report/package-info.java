/**
 * The self-contained HTML report: draws the figures a job computed (accuracy, privacy, distributions,
 * Cram&eacute;r's V matrices); computes nothing the evaluator computes.
 *
 * <p>May import: quality (its report types), schema, io, util.
 */
package dev.issosynth.report;
