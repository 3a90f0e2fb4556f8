/**
 * Files: CSV reading (sniffed delimiter, gzip, streaming in chunks) and writing (minimal quoting, atomic
 * rename), binary model files, raw text tables, input errors.
 *
 * <p>May import: nothing of the project.
 */
package dev.issosynth.io;
