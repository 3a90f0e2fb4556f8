package dev.issosynth.quality;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The categorical part of the privacy encoding: a fixed vector per value text, and the PCA that projects a column's
 * values (and the rare point) to 2, 3 or 4 dimensions ({@link EmbeddingEncoder}).
 */
final class ValueEmbedding {
    private ValueEmbedding() {
    }

    /**
     * The fixed {@value EmbeddingEncoder#EMBED_DIMS}-dimensional unit vector of a value text: seed = the first 8
     * bytes (big-endian) of the SHA-256 of its UTF-8 bytes; component i (from 0) = 2u − 1 with
     * u = (z >>> 11) · 2^−53 and z = splitmix64's output function of (seed + (i + 1) · 0x9E3779B97F4A7C15) (all arithmetic mod 2^64); then
     * scaled to unit length. Equal texts give equal vectors on any machine; different texts nearly orthogonal ones.
     */
    static double[] valueVector(String text) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (h[i] & 0xFF);
        }
        double[] v = new double[EmbeddingEncoder.EMBED_DIMS];
        double s = 0;
        for (int i = 0; i < EmbeddingEncoder.EMBED_DIMS; i++) {
            long z = mix(seed + (i + 1) * 0x9E3779B97F4A7C15L);
            double u = (z >>> 11) * 0x1.0p-53;
            v[i] = 2 * u - 1;
            s += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < EmbeddingEncoder.EMBED_DIMS; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133CE4EBL;
        return z ^ (z >>> 31);
    }

    /**
     * PCA of the value vectors of {@code values} (centred on their mean) onto their {@code dims} leading principal
     * axes: the coordinates of each point. Through the Gram matrix of the centred points when there are at most as
     * many points as embedding dimensions, else through their covariance; a component of (numerically) no variance
     * gives 0.
     */
    static double[][] project(List<String> values, int dims) {
        int n = values.size();
        double[][] e = new double[n][];
        double[] mean = new double[EmbeddingEncoder.EMBED_DIMS];
        for (int i = 0; i < n; i++) {
            e[i] = valueVector(values.get(i));
            for (int d = 0; d < EmbeddingEncoder.EMBED_DIMS; d++) {
                mean[d] += e[i][d];
            }
        }
        for (int d = 0; d < EmbeddingEncoder.EMBED_DIMS; d++) {
            mean[d] /= n;
        }
        for (double[] row : e) {
            for (int d = 0; d < EmbeddingEncoder.EMBED_DIMS; d++) {
                row[d] -= mean[d];
            }
        }
        double[][] out = new double[n][dims];
        if (n <= EmbeddingEncoder.EMBED_DIMS) {
            double[][] g = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double s = 0;
                    for (int d = 0; d < EmbeddingEncoder.EMBED_DIMS; d++) {
                        s += e[i][d] * e[j][d];
                    }
                    g[i][j] = s;
                    g[j][i] = s;
                }
            }
            SymmetricEigen eig = SymmetricEigen.of(g);
            double top = Math.max(eig.values[0], 0);
            for (int c = 0; c < Math.min(dims, n); c++) {
                double lambda = eig.values[c];
                if (!(lambda > 1e-12 * top)) {
                    continue;
                }
                double sd = Math.sqrt(lambda);
                for (int i = 0; i < n; i++) {
                    out[i][c] = eig.vectors[c][i] * sd;
                }
            }
        } else {
            double[][] cov = new double[EmbeddingEncoder.EMBED_DIMS][EmbeddingEncoder.EMBED_DIMS];
            for (double[] row : e) {
                for (int a = 0; a < EmbeddingEncoder.EMBED_DIMS; a++) {
                    double ra = row[a];
                    double[] ca = cov[a];
                    for (int b = a; b < EmbeddingEncoder.EMBED_DIMS; b++) {
                        ca[b] += ra * row[b];
                    }
                }
            }
            for (int a = 0; a < EmbeddingEncoder.EMBED_DIMS; a++) {
                for (int b = 0; b < a; b++) {
                    cov[a][b] = cov[b][a];
                }
            }
            SymmetricEigen eig = SymmetricEigen.of(cov);
            double top = Math.max(eig.values[0], 0);
            for (int c = 0; c < dims; c++) {
                if (!(eig.values[c] > 1e-12 * top)) {
                    continue;
                }
                double[] axis = eig.vectors[c];
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int d = 0; d < EmbeddingEncoder.EMBED_DIMS; d++) {
                        s += e[i][d] * axis[d];
                    }
                    out[i][c] = s;
                }
            }
        }
        return out;
    }
}
