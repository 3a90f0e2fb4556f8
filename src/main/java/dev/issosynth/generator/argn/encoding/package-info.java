/**
 * Column encodings of the argn model: one class per type, each analysing a column,
 * encoding it into sub-column codes and decoding codes back to cell text; rare-value protection.
 *
 * <p>May import: schema, io.
 */
package dev.issosynth.generator.argn.encoding;
