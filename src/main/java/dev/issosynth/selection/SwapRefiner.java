package dev.issosynth.selection;

import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Swap refinement: exchanges chosen rows for better pool rows while the exact objective falls.
 *
 * <p>Each round scores chosen rows for removal and a batch of candidate pool rows for addition (a rotating
 * window over a seeded permutation of the pool, so over the rounds every pool row is scored), keeps
 * the best of each as lazy max-heaps, and then swaps pairs one at a time: the best removal (gain recomputed
 * exactly) out, the best addition (recomputed exactly after that removal) in. A swap is kept only if the
 * objective drops, so refinement can never raise it; the round ends at the first pair that does not help.
 *
 * <p>A subset of at most as many rows as the candidates per round is scored whole for removal every round; a bigger
 * one in windows of that many chosen rows, taken in pool order from where the last round stopped. Scoring is what a
 * round costs, so a round's cost no longer grows with the target size (scoring all 10 M chosen rows of a 10 M-row
 * result took 500 rounds 24 minutes).
 */
public final class SwapRefiner {
    private SwapRefiner() {
    }

    /** Tuning of the refinement. */
    public record Params(int rounds, int shortlist, int candidatesPerRound, long deadlineNanos, long seed,
                         long privacyBudget) {
        /**
         * @param privacyBudget pool rows whose privacy codes refinement may compute in all (the rest of the
         *                      candidates must have known codes); ignored without privacy marginals
         */
        public Params {
        }

        public Params(int rounds, int shortlist, int candidatesPerRound, long deadlineNanos, long seed) {
            this(rounds, shortlist, candidatesPerRound, deadlineNanos, seed, Long.MAX_VALUE);
        }
    }

    /** Statistics of one refinement run. */
    public record Stats(int rounds, long swaps, double objectiveBefore, double objectiveAfter, boolean timedOut) {
    }

    private static final double MIN_IMPROVEMENT = 1e-15;
    /** A lazy pop gives up re-checking after this many fresh evaluations and takes the best seen. */
    private static final int MAX_LAZY_CHECKS = 64;
    /** Consecutive non-improving pairs after which a round gives up and rescores. */
    private static final int MAX_FAILURES = 32;
    /** Candidates whose privacy codes are computed together (one search call). */
    static final int PRIVACY_BATCH = 1024;

    public static Stats refine(SubsetState state, Params p, Parallel par, Progress progress) {
        double before = state.recomputeObjective();
        int poolRows = state.poolRows();
        Candidates candidates = new Candidates(permutation(poolRows, new SplittableRandom(p.seed())),
                Math.min(poolRows, Math.max(1, p.candidatesPerRound())));
        long swaps = 0;
        int round = 0;
        int idleRounds = 0;
        int roundsPerCycle = Math.max(1, (int) Math.ceil((poolRows - state.size()) / (double) Math.max(1, p.candidatesPerRound())));
        boolean timedOut = false;
        int shortlist = p.shortlist();
        Removals removals = new Removals(Math.max(1, p.candidatesPerRound()));
        int[] chosenBuf = new int[Math.min(state.size(), removals.window)];
        double[] removalGains = new double[chosenBuf.length];
        int maxShortlist = Math.max(p.shortlist(), chosenBuf.length / 4);
        double[] candGains = new double[candidates.buffer.length];
        // the privacy codes of new candidates cost a search: a total budget, spread over the rounds
        long[] budget = {p.privacyBudget()};
        int perRound = (int) Math.max(PRIVACY_BATCH, Math.min(Integer.MAX_VALUE, p.privacyBudget() / 50));
        for (; round < p.rounds(); round++) {
            if (System.nanoTime() > p.deadlineNanos()) {
                timedOut = true;
                break;
            }
            int nc = candidates.next(state);
            if (nc == 0) {
                break;
            }
            int nr = removals.next(state, chosenBuf);
            RowScorer.score(state.features(), state.codes(), chosenBuf, nr, state.removalTable(), removalGains, par);
            FeatureSet fs = state.features();
            RowScorer.score(fs, fs.accuracyFeatures(), state.codes(), candidates.buffer, nc, state.additionTable(),
                    candGains, par);
            GainHeap in = state.privacy() == null ? shortlist(candidates.buffer, candGains, nc, shortlist)
                    : privacyShortlist(state, candidates.buffer, candGains, nc, shortlist, budget, perRound, par);
            long roundSwaps = swapWhileItHelps(state, shortlist(chosenBuf, removalGains, nr, shortlist), in);
            swaps += roundSwaps;
            // Scoring dominates a round's cost: when a round used up its shortlist, the next gets a longer one.
            if (roundSwaps >= shortlist / 2) {
                shortlist = Math.min(maxShortlist, shortlist * 2);
            } else if (roundSwaps < shortlist / 8) {
                shortlist = Math.max(p.shortlist(), shortlist / 2);
            }
            state.recomputeObjective();
            idleRounds = roundSwaps == 0 ? idleRounds + 1 : 0;
            progress.update((round + 1) / (double) p.rounds(), String.format(Locale.ROOT,
                    "round %d  swaps %d  objective %.6f", round + 1, swaps, state.objective()));
            // Nothing improved over a full pass of the pool: converged.
            if (idleRounds >= roundsPerCycle) {
                round++;
                break;
            }
        }
        return new Stats(round, swaps, before, state.recomputeObjective(), timedOut);
    }

    /** The next unchosen rows of a fixed permutation of the pool, round after round (wrapping around). */
    private static final class Candidates {
        private final int[] permutation;
        private final int[] buffer;
        private int cursor;

        Candidates(int[] permutation, int perRound) {
            this.permutation = permutation;
            this.buffer = new int[perRound];
        }

        /** Fills {@link #buffer} with up to its length unchosen rows; returns how many (0 = none left). */
        int next(SubsetState state) {
            int n = 0;
            int scanned = 0;
            while (n < buffer.length && scanned < permutation.length) {
                int r = permutation[cursor];
                cursor = cursor + 1 == permutation.length ? 0 : cursor + 1;
                scanned++;
                if (!state.isChosen(r)) {
                    buffer[n++] = r;
                }
            }
            return n;
        }
    }

    /** The chosen rows a round scores for removal: all of a small subset, windows of a big one. */
    static final class Removals {
        final int window;
        private int cursor;

        Removals(int window) {
            this.window = window;
        }

        /**
         * Fills {@code buf} (at least {@code min(size, window)} long) with the chosen rows to score: all of them in
         * ascending order when there are at most {@link #window}, else the next {@link #window} chosen rows in pool
         * order from where the previous call stopped (wrapping around). Returns how many.
         */
        int next(SubsetState state, int[] buf) {
            int pool = state.poolRows();
            if (state.size() <= window) {
                int n = 0;
                for (int r = 0; r < pool && n < buf.length; r++) {
                    if (state.isChosen(r)) {
                        buf[n++] = r;
                    }
                }
                return n;
            }
            int n = 0;
            for (int scanned = 0; scanned < pool && n < window; scanned++) {
                int r = cursor;
                cursor = cursor + 1 == pool ? 0 : cursor + 1;
                if (state.isChosen(r)) {
                    buf[n++] = r;
                }
            }
            return n;
        }
    }

    /**
     * Swaps the best row to drop with the best row to add while that lowers the objective; a removal that finds
     * no partner is dropped for this round, its candidate kept. Returns the swaps made.
     */
    private static long swapWhileItHelps(SubsetState state, GainHeap out, GainHeap in) {
        long swaps = 0;
        int failures = 0;
        while (!out.isEmpty() && !in.isEmpty() && failures < MAX_FAILURES) {
            double objectiveBefore = state.objective();
            int r = popBest(out, state, true);
            state.remove(r);
            int c = popBest(in, state, false);
            state.add(c);
            if (state.objective() < objectiveBefore - MIN_IMPROVEMENT) {
                swaps++;
                failures = 0;
            } else {
                state.remove(c);
                state.add(r);
                in.push(state.additionGain(c), c);
                failures++;
            }
        }
        return swaps;
    }

    /**
     * The {@code k} candidates with the best addition gain including the privacy marginals, whose codes (a
     * nearest-neighbour search) are computed only for the candidates that can make the list: candidates are taken
     * in order of their gain without privacy, in batches, until the next one's gain plus the largest possible
     * privacy gain cannot beat the k-th best found. At most {@code perRound} new codes are computed, and none once
     * {@code budget[0]} is spent; a candidate whose codes stay unknown is passed over.
     */
    static GainHeap privacyShortlist(SubsetState state, int[] rows, double[] base, int n, int k, long[] budget,
                                     int perRound, Parallel par) {
        PrivacyTargets targets = state.privacy();
        long allowed = Math.min(budget[0], perRound);
        int[] eligible = rows;
        double[] eligibleBase = base;
        int m = n;
        if (allowed == 0) {
            // nothing new may be measured: only candidates already known take part (usually few)
            eligible = new int[n];
            eligibleBase = new double[n];
            m = 0;
            for (int i = 0; i < n; i++) {
                if (targets.known(rows[i])) {
                    eligible[m] = rows[i];
                    eligibleBase[m++] = base[i];
                }
            }
        }
        double bound = state.maxPrivacyAdditionGain();
        int keep = Math.min(k, m);
        GainHeap byBase = GainHeap.of(eligible, eligibleBase, m);
        java.util.PriorityQueue<Double> best = new java.util.PriorityQueue<>();
        int[] seen = new int[m];
        double[] exact = new double[m];
        int count = 0;
        int[] batch = new int[PRIVACY_BATCH];
        double[] batchBase = new double[PRIVACY_BATCH];
        while (!byBase.isEmpty() && (best.size() < keep || byBase.topGain() + bound >= best.peek())) {
            int nb = 0;
            while (nb < PRIVACY_BATCH && !byBase.isEmpty()) {
                double g = byBase.topGain();
                int r = byBase.pop();
                boolean known = targets.known(r);
                if (known || allowed > 0) {
                    if (!known) {
                        allowed--;
                        budget[0]--;
                    }
                    batchBase[nb] = g;
                    batch[nb++] = r;
                }
            }
            targets.require(batch, nb, par);
            for (int i = 0; i < nb; i++) {
                double g = batchBase[i] + state.privacyAdditionGain(batch[i]);
                seen[count] = batch[i];
                exact[count++] = g;
                if (best.size() < keep) {
                    best.add(g);
                } else if (g > best.peek()) {
                    best.poll();
                    best.add(g);
                }
            }
        }
        return shortlist(seen, exact, count, keep);
    }

    private static GainHeap shortlist(int[] rows, double[] gains, int n, int k) {
        GainHeap all = GainHeap.of(rows, gains, n);
        int keep = Math.min(k, n);
        GainHeap top = new GainHeap(keep);
        for (int i = 0; i < keep; i++) {
            double g = all.topGain();
            top.push(g, all.pop());
        }
        return top;
    }

    /** Pops the row with the best current gain, recomputing stored gains lazily. */
    private static int popBest(GainHeap heap, SubsetState state, boolean removal) {
        int bestRow = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int checks = 0; checks < MAX_LAZY_CHECKS && !heap.isEmpty(); checks++) {
            if (bestRow >= 0 && bestGain >= heap.topGain()) {
                break;
            }
            int r = heap.pop();
            double g = removal ? state.removalGain(r) : state.additionGain(r);
            if (g > bestGain || (g == bestGain && r < bestRow)) {
                if (bestRow >= 0) {
                    heap.push(bestGain, bestRow);
                }
                bestRow = r;
                bestGain = g;
            } else {
                heap.push(g, r);
            }
        }
        return bestRow;
    }

    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
