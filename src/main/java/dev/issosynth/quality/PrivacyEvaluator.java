package dev.issosynth.quality;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Privacy figures of a synthetic table against training and holdout, as MOSTLY AI's QA library computes them:
 * <ol>
 *   <li>Samples (seeded): training, holdout and synthetic all cut to the same size, the smallest of the three
 *   (and of the cap, when one is given), by drawing rows without replacement. By default (cap 0) nothing more is
 *   cut: all rows of the smaller of training and holdout.</li>
 *   <li>Rows encoded by {@link EmbeddingEncoder} (fitted on the training and holdout samples) into unit vectors.</li>
 *   <li>Groups of encoded dimensions ({@link ColumnGroups}): all of them, and with more than 10 dimensions three
 *   groups of correlated dimensions and three random ones.</li>
 *   <li>Per group, the exact two nearest neighbours ({@link NearestNeighbours}, Euclidean, on the group's
 *   dimensions only) of every synthetic row in the training and in the holdout sample. DCR = distance to the
 *   nearest row. DCR share = share of synthetic rows with DCR to training strictly below DCR to holdout, plus half
 *   the ties. NNDR of a row = (d1 + 1e−8) / (d2 + 1e−8); per set the figure is the 10th smallest; NNDR ratio =
 *   training figure / holdout figure. Identical-match share = share of synthetic rows within 1e−6 of a training
 *   row.</li>
 *   <li>The headline figures are those of the group with the highest DCR share (the later group on ties, as the
 *   library keeps it); for that group also the holdout rows' DCR to training (the real-data baseline).</li>
 * </ol>
 * A generator that copies nothing scores a DCR share near 0.5 and an NNDR ratio near 1 in every group.
 */
public final class PrivacyEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyEvaluator.class);
    /** The default cap of the privacy samples: 0 = no cap (all rows, as the library does by default). */
    public static final int ALL_ROWS = 0;
    static final double NNDR_EPS = 1e-8;
    static final int NNDR_RANK = 10;
    /** A synthetic row this close to a training row counts as an identical match. */
    static final double IDENTICAL = 1e-6;

    private PrivacyEvaluator() {
    }

    /** The one check of the privacy sample size: 0 (all rows) or at least 2 (every privacy figure needs two rows). */
    public static void requireSample(int sample) {
        if (sample != ALL_ROWS && sample < 2) {
            throw new IllegalArgumentException("--privacy-sample must be 0 (all rows) or at least 2: " + sample);
        }
    }

    /** The rows each table is cut to: the smallest table, and at most {@code cap} when the cap is not 0. */
    static int sampleSize(int trainingRows, int holdoutRows, int syntheticRows, int cap) {
        int n = Math.min(trainingRows, Math.min(holdoutRows, syntheticRows));
        return cap == ALL_ROWS ? n : Math.min(cap, n);
    }

    /**
     * The privacy figures of {@code synthetic} against the training rows and the holdout, on seeded samples of the
     * same size (at most {@code cap} rows each; 0 = no cap).
     */
    public static PrivacyReport evaluate(TrainingTable train, RawTable holdout, RawTable synthetic, int cap, long seed,
                                         Parallel par) {
        Schema schema = train.schema();
        RawTable training = train.raw();
        requireSample(cap);
        long t0 = System.nanoTime();
        int n = sampleSize(training.rowCount(), holdout.rowCount(), synthetic.rowCount(), cap);
        if (n < 2) {
            throw new InputException("privacy metrics need at least 2 rows in each of training, holdout and synthetic");
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x5052495641435931L);
        RawTable tr = sample(training, n, root.split());
        RawTable ho = sample(holdout, n, root.split());
        RawTable sy = sample(synthetic, n, root.split());
        long t1 = System.nanoTime();
        EmbeddingEncoder enc = new EmbeddingEncoder(schema, tr, ho, root.split(), par);
        int dim = enc.dim();
        double[] trD = enc.encode(tr, par);
        double[] hoD = enc.encode(ho, par);
        double[] syD = enc.encode(sy, par);
        float[] trX = EmbeddingEncoder.toFloat(trD);
        float[] hoX = EmbeddingEncoder.toFloat(hoD);
        float[] syX = EmbeddingEncoder.toFloat(syD);
        long t2 = System.nanoTime();
        float[] ref = new float[2 * n * dim];
        System.arraycopy(trX, 0, ref, 0, trX.length);
        System.arraycopy(hoX, 0, ref, trX.length, hoX.length);
        List<ColumnGroups.Spec> specs = ColumnGroups.of(ref, 2 * n, dim, root.split(), par);
        SearchPlan plan = SearchPlan.of(specs, dim);
        long t3 = System.nanoTime();
        NearestNeighbours.Result[] st = NearestNeighbours.searchGroups(trX, trD, n, syX, syD, n, dim, plan.parts(),
                plan.groups(), par);
        NearestNeighbours.Result[] sh = NearestNeighbours.searchGroups(hoX, hoD, n, syX, syD, n, dim, plan.parts(),
                plan.groups(), par);
        long t4 = System.nanoTime();
        List<PrivacyReport.Group> groups = new ArrayList<>();
        for (int g = 0; g < specs.size(); g++) {
            ColumnGroups.Spec spec = specs.get(g);
            groups.add(group(spec.name(), names(spec.dims(), enc.dimNames()), columns(spec.dims(), enc.dimColumns()),
                    st[g], sh[g]));
        }
        int worst = worst(groups);
        int[] worstDims = specs.get(worst).dims();
        NearestNeighbours.Result ht = NearestNeighbours.searchGroups(trX, trD, n, hoX, hoD, n, dim,
                new int[][] {worstDims}, new int[][] {{0}}, par)[0];
        long t5 = System.nanoTime();
        LOG.info(String.format(Locale.ROOT, "privacy: %,d rows per table, %d dims, %d groups; sample %.1f s, encode %.1f s,"
                        + " groups %.1f s, synthetic searches %.1f s, holdout search %.1f s", n, dim, specs.size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t5 - t4) / 1e9));
        for (PrivacyReport.Group g : groups) {
            LOG.info(String.format(Locale.ROOT, "privacy: group %s (%d dims): DCR share %.5f, NNDR ratio %.5g,"
                    + " identical matches %.5f", g.name(), g.dims().size(), g.dcrShare(), g.nndrRatio(),
                    g.identicalMatchShare()));
        }
        int identical = 0;
        for (double d : ht.nearest()) {
            identical += d <= IDENTICAL ? 1 : 0;
        }
        return new PrivacyReport(n, n, n, dim, groups, worst, summary(st[worst].nearest()),
                summary(sh[worst].nearest()), summary(ht.nearest()), (double) identical / n, nndr(ht),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Index of the group with the highest DCR share; a later group replaces an earlier one on a tie. */
    static int worst(List<PrivacyReport.Group> groups) {
        int worst = 0;
        double best = 0;
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).dcrShare() >= best) {
                best = groups.get(g).dcrShare();
                worst = g;
            }
        }
        return worst;
    }

    /** One group's figures from its two searches (synthetic→training, synthetic→holdout). */
    static PrivacyReport.Group group(String name, List<String> dims, List<String> columns, NearestNeighbours.Result st,
                                     NearestNeighbours.Result sh) {
        int rows = st.nearest().length;
        double closer = 0;
        int identical = 0;
        int identicalHoldout = 0;
        for (int i = 0; i < rows; i++) {
            double a = st.nearest()[i];
            double b = sh.nearest()[i];
            closer += a < b ? 1 : a == b ? 0.5 : 0;
            identical += a <= IDENTICAL ? 1 : 0;
            identicalHoldout += b <= IDENTICAL ? 1 : 0;
        }
        double nndrT = nndr(st);
        double nndrH = nndr(sh);
        return new PrivacyReport.Group(name, dims, columns, closer / rows, nndrT, nndrH, nndrT / nndrH,
                (double) identical / rows, (double) identicalHoldout / rows);
    }

    private static List<String> names(int[] dims, List<String> all) {
        List<String> out = new ArrayList<>(dims.length);
        for (int d : dims) {
            out.add(all.get(d));
        }
        return out;
    }

    /** The distinct columns of the dimensions, in the order of their first dimension. */
    private static List<String> columns(int[] dims, List<String> dimColumns) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int d : dims) {
            out.add(dimColumns.get(d));
        }
        return new ArrayList<>(out);
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
