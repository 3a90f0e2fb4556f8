/**
 * Threads and progress: a deterministic parallel-for, a two-stage pipeline, progress lines on stderr.
 *
 * <p>May import: nothing of the project.
 */
package dev.issosynth.util;
