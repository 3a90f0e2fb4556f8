/**
 * Numeric kernels shared by the model and the privacy search: GEMM (scalar and Vector API, bit-identical
 * for any thread count), exp kernels and the screen of the nearest-neighbour search.
 *
 * <p>May import: util.
 */
package dev.issosynth.math;
