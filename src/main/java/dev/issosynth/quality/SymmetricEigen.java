package dev.issosynth.quality;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations, in double.
 *
 * <p>Each sweep visits every off-diagonal pair (p, q) in a fixed order and applies the plane rotation that zeroes
 * it; sweeps repeat until the off-diagonal mass is negligible against the diagonal (quadratic convergence: a few
 * sweeps past the first handful). Meant for the privacy figures' few hundred dimensions at most (the spectral
 * clustering of the encoded dimensions, the PCA of a column's value embeddings): O(n³) per sweep, no allocation
 * inside the loop, and a fixed order of operations, so the result is the same on every run.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, largest first. */
    final double[] values;
    /** {@code vectors[i]}: the unit eigenvector of {@code values[i]}. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix {@code a} (n × n; only read, the lower triangle mirrors the upper). */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("not square: row " + i + " has " + a[i].length + " entries, not " + n);
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n]; // columns are the eigenvectors
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += m[p][p] * m[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += m[p][q] * m[p][q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, p, q, n);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(m[y][y], m[x][x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            values[r] = m[i][i];
            for (int k = 0; k < n; k++) {
                vectors[r][k] = v[k][i];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** The rotation in the (p, q) plane that zeroes m[p][q]: m ← Jᵀ m J, v ← v J. */
    private static void rotate(double[][] m, double[][] v, int p, int q, int n) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        double app = m[p][p];
        double aqq = m[q][q];
        // skip an entry that no longer changes the diagonal in double precision
        if (Math.abs(apq) < 1e-18 * (Math.abs(app) + Math.abs(aqq))) {
            m[p][q] = 0;
            m[q][p] = 0;
            return;
        }
        double theta = (aqq - app) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double[] row = m[k];
            double mkp = row[p];
            double mkq = row[q];
            row[p] = c * mkp - s * mkq;
            row[q] = s * mkp + c * mkq;
        }
        double[] rp = m[p];
        double[] rq = m[q];
        for (int k = 0; k < n; k++) {
            double mpk = rp[k];
            double mqk = rq[k];
            rp[k] = c * mpk - s * mqk;
            rq[k] = s * mpk + c * mqk;
        }
        rp[q] = 0;
        rq[p] = 0;
        for (int k = 0; k < n; k++) {
            double[] row = v[k];
            double vkp = row[p];
            double vkq = row[q];
            row[p] = c * vkp - s * vkq;
            row[q] = s * vkp + c * vkq;
        }
    }
}
