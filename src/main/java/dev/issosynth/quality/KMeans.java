package dev.issosynth.quality;

import java.util.SplittableRandom;

/**
 * Seeded k-means on a few points in a few dimensions (the spectral embedding of the encoded dimensions), the way
 * scikit-learn's {@code KMeans} defaults run it: greedy k-means++ seeding ({@code 2 + ⌊ln k⌋} candidates per new
 * centre, the one that lowers the total squared distance most), Lloyd iterations until the labels stop changing or
 * the centres move less than {@value #TOL} × the mean per-dimension variance (at most {@value #MAX_ITERATIONS}), an
 * empty cluster taking the point farthest from its centre, and the best of {@value #INITS} seedings by inertia.
 * Ties go to the lower index everywhere, so the same seed gives the same labels.
 */
final class KMeans {
    static final int INITS = 10;
    static final int MAX_ITERATIONS = 300;
    static final double TOL = 1e-4;

    private KMeans() {
    }

    /** Cluster labels in {@code [0, k)} of the points {@code x[i]} (all of the same length). */
    static int[] labels(double[][] x, int k, SplittableRandom rnd) {
        int n = x.length;
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        if (n <= k) {
            int[] own = new int[n];
            for (int i = 0; i < n; i++) {
                own[i] = i;
            }
            return own;
        }
        double tol = TOL * meanVariance(x);
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int init = 0; init < INITS; init++) {
            double[][] centres = seed(x, k, rnd);
            int[] labels = lloyd(x, centres, tol);
            double inertia = inertia(x, centres, labels);
            if (best == null || inertia < bestInertia) {
                best = labels;
                bestInertia = inertia;
            }
        }
        return best;
    }

    /** Greedy k-means++: each new centre is the best of a few candidates drawn with probability ∝ squared distance. */
    static double[][] seed(double[][] x, int k, SplittableRandom rnd) {
        int n = x.length;
        int trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        centres[0] = x[rnd.nextInt(n)].clone();
        double[] closest = new double[n];
        double pot = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = d2(x[i], centres[0]);
            pot += closest[i];
        }
        double[] cum = new double[n];
        double[] cand = new double[n];
        double[] bestDist = new double[n];
        for (int c = 1; c < k; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += closest[i];
                cum[i] = s;
            }
            int bestId = -1;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double r = rnd.nextDouble() * pot;
                int id = firstAtLeast(cum, r);
                double p = 0;
                for (int i = 0; i < n; i++) {
                    cand[i] = Math.min(closest[i], d2(x[i], x[id]));
                    p += cand[i];
                }
                if (bestId < 0 || p < bestPot) {
                    bestId = id;
                    bestPot = p;
                    System.arraycopy(cand, 0, bestDist, 0, n);
                }
            }
            centres[c] = x[bestId].clone();
            System.arraycopy(bestDist, 0, closest, 0, n);
            pot = bestPot;
        }
        return centres;
    }

    /** Lloyd iterations from {@code centres} (updated in place); returns the labels of the final centres. */
    static int[] lloyd(double[][] x, double[][] centres, double tol) {
        int n = x.length;
        int k = centres.length;
        int dim = x[0].length;
        int[] labels = assign(x, centres);
        boolean strict = false;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            int[] count = new int[k];
            for (int l : labels) {
                count[l]++;
            }
            relocateEmpty(x, centres, labels, count);
            double[][] next = new double[k][dim];
            for (int i = 0; i < n; i++) {
                double[] c = next[labels[i]];
                for (int d = 0; d < dim; d++) {
                    c[d] += x[i][d];
                }
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < dim; d++) {
                    next[c][d] /= count[c];
                    double t = next[c][d] - centres[c][d];
                    shift += t * t;
                }
                centres[c] = next[c];
            }
            int[] again = assign(x, centres);
            if (java.util.Arrays.equals(again, labels)) {
                strict = true;
                break;
            }
            labels = again;
            if (shift <= tol) {
                break;
            }
        }
        return strict ? labels : assign(x, centres);
    }

    /** Each empty cluster takes the point farthest from its own centre (farthest first, lower index on ties). */
    private static void relocateEmpty(double[][] x, double[][] centres, int[] labels, int[] count) {
        for (int c = 0; c < count.length; c++) {
            if (count[c] > 0) {
                continue;
            }
            int far = -1;
            double farDist = -1;
            for (int i = 0; i < x.length; i++) {
                if (count[labels[i]] <= 1) {
                    continue; // never empty another cluster
                }
                double d = d2(x[i], centres[labels[i]]);
                if (d > farDist) {
                    far = i;
                    farDist = d;
                }
            }
            if (far < 0) {
                return;
            }
            count[labels[far]]--;
            labels[far] = c;
            count[c] = 1;
        }
    }

    static int[] assign(double[][] x, double[][] centres) {
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            double bd = d2(x[i], centres[0]);
            for (int c = 1; c < centres.length; c++) {
                double d = d2(x[i], centres[c]);
                if (d < bd) {
                    best = c;
                    bd = d;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    static double inertia(double[][] x, double[][] centres, int[] labels) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += d2(x[i], centres[labels[i]]);
        }
        return s;
    }

    private static double meanVariance(double[][] x) {
        int n = x.length;
        int dim = x[0].length;
        double total = 0;
        for (int d = 0; d < dim; d++) {
            double mean = 0;
            for (double[] p : x) {
                mean += p[d];
            }
            mean /= n;
            double v = 0;
            for (double[] p : x) {
                v += (p[d] - mean) * (p[d] - mean);
            }
            total += v / n;
        }
        return total / dim;
    }

    /** First index with {@code cum[i] >= r} (numpy's searchsorted, left), at most the last index. */
    private static int firstAtLeast(double[] cum, double r) {
        int lo = 0;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] >= r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double d2(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }
}
