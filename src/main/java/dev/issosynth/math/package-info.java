/**
 * Numeric kernels shared by the model and the privacy search: GEMM (scalar and Vector API, bit-identical
 * for any thread count) and exp kernels.
 *
 * <p>May import: util.
 */
package dev.issosynth.math;
