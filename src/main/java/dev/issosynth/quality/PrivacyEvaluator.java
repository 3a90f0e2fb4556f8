package dev.issosynth.quality;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Privacy figures of a synthetic table against training and holdout, after MOSTLY AI's QA library:
 * <ol>
 *   <li>Seeded samples: training and holdout the same size, {@code min(cap, training rows, holdout rows)};
 *   synthetic {@code min(cap, synthetic rows)}.</li>
 *   <li>Rows encoded by {@link PrivacyEncoder} (fitted on the training and holdout samples) into unit vectors.</li>
 *   <li>Exact two nearest neighbours ({@link NearestNeighbours}, Euclidean) of every synthetic row in the
 *   training and in the holdout sample, and of every holdout row in the training sample.</li>
 *   <li>DCR = distance to the nearest row. DCR share = share of synthetic rows with DCR to training strictly
 *   below DCR to holdout, plus half the ties. NNDR of a row = (d1 + 1e−8) / (d2 + 1e−8); per set the figure is
 *   the 10th smallest; NNDR ratio = training figure / holdout figure. Identical-match share = share of
 *   synthetic rows at distance 0 from a training row.</li>
 * </ol>
 * A generator that copies nothing scores a DCR share near 0.5 and an NNDR ratio near 1.
 */
public final class PrivacyEvaluator {
    public static final int DEFAULT_SAMPLE = 10_000;
    static final double NNDR_EPS = 1e-8;
    static final int NNDR_RANK = 10;

    private PrivacyEvaluator() {
    }

    /** The one check of the privacy sample size (every privacy figure needs two rows per table). */
    public static void requireSample(int sample) {
        if (sample < 2) {
            throw new IllegalArgumentException("--privacy-sample must be at least 2: " + sample);
        }
    }

    /**
     * The privacy figures of {@code synthetic} against the training rows and the holdout, on seeded samples of at
     * most {@code cap} rows of each table.
     */
    public static PrivacyReport evaluate(TrainingTable train, RawTable holdout, RawTable synthetic, int cap, long seed,
                                         Parallel par) {
        Schema schema = train.schema();
        MissingValues na = train.na();
        RawTable training = train.raw();
        requireSample(cap);
        long t0 = System.nanoTime();
        int nRef = Math.min(cap, Math.min(training.rowCount(), holdout.rowCount()));
        int nSyn = Math.min(cap, synthetic.rowCount());
        if (nRef < 2 || nSyn < 1) {
            throw new InputException("privacy metrics need at least 2 training rows, 2 holdout rows and 1 synthetic row");
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x5052495641435931L);
        RawTable tr = sample(training, nRef, root.split());
        RawTable ho = sample(holdout, nRef, root.split());
        RawTable sy = sample(synthetic, nSyn, root.split());
        PrivacyEncoder enc = new PrivacyEncoder(schema, na, tr, ho, sy);
        int dim = enc.dim();
        float[] trX = enc.encode(tr);
        float[] hoX = enc.encode(ho);
        float[] syX = enc.encode(sy);
        NearestNeighbours.Result st = NearestNeighbours.search(trX, nRef, syX, nSyn, dim, par);
        NearestNeighbours.Result sh = NearestNeighbours.search(hoX, nRef, syX, nSyn, dim, par);
        NearestNeighbours.Result ht = NearestNeighbours.search(trX, nRef, hoX, nRef, dim, par);
        return report(nRef, nSyn, dim, st, sh, ht, (System.nanoTime() - t0) / 1e9);
    }

    /** The figures from the three searches (synthetic→training, synthetic→holdout, holdout→training). */
    static PrivacyReport report(int nRef, int nSyn, int dim, NearestNeighbours.Result st, NearestNeighbours.Result sh,
                                NearestNeighbours.Result ht, double seconds) {
        double closer = 0;
        int identical = 0;
        int identicalHoldout = 0;
        for (int i = 0; i < nSyn; i++) {
            double a = st.nearest()[i];
            double b = sh.nearest()[i];
            closer += a < b ? 1 : a == b ? 0.5 : 0;
            identical += a == 0 ? 1 : 0;
            identicalHoldout += b == 0 ? 1 : 0;
        }
        double nndrT = nndr(st);
        double nndrH = nndr(sh);
        return new PrivacyReport(nRef, nRef, nSyn, dim, summary(st.nearest()), summary(sh.nearest()),
                summary(ht.nearest()), closer / nSyn, nndrT, nndrH, nndrT / nndrH, (double) identical / nSyn,
                (double) identicalHoldout / nSyn, seconds);
    }

    /** The {@value #NNDR_RANK}th smallest (d1 + 1e−8) / (d2 + 1e−8), or the largest when there are fewer rows. */
    static double nndr(NearestNeighbours.Result r) {
        int n = r.nearest().length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nearest()[i] + NNDR_EPS) / (r.second()[i] + NNDR_EPS);
        }
        Arrays.sort(v);
        return v[Math.min(NNDR_RANK, n) - 1];
    }

    static PrivacyReport.Summary summary(double[] d) {
        double[] v = d.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return new PrivacyReport.Summary(sum / v.length, quantile(v, 0.5), quantile(v, 0.05));
    }

    /** numpy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** {@code n} distinct rows drawn without replacement (seeded), in table order; all rows when n = rows. */
    static RawTable sample(RawTable t, int n, SplittableRandom rnd) {
        int rows = t.rowCount();
        if (n >= rows) {
            return t;
        }
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(rows - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        int[] pick = Arrays.copyOf(idx, n);
        Arrays.sort(pick);
        return t.selectRows(pick);
    }
}
