/**
 * Threads and progress: a deterministic parallel-for, a two-stage pipeline, progress lines on stderr; and the
 * positions of rows in a narrowed, ascending set of rows.
 *
 * <p>May import: nothing of the project.
 */
package dev.issosynth.util;
