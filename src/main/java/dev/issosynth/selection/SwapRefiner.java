package dev.issosynth.selection;

import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Swap refinement: exchanges chosen rows for better pool rows while the exact objective falls.
 *
 * <p>Each round scores every chosen row for removal and a batch of candidate pool rows for addition (a
 * rotating window over a seeded permutation of the pool, so over the rounds every pool row is scored), keeps
 * the best of each as lazy max-heaps, and then swaps pairs one at a time: the best removal (gain recomputed
 * exactly) out, the best addition (recomputed exactly after that removal) in. A swap is kept only if the
 * objective drops, so refinement can never raise it; the round ends at the first pair that does not help.
 */
public final class SwapRefiner {
    private SwapRefiner() {
    }

    /** Tuning of the refinement. */
    public record Params(int rounds, int shortlist, int candidatesPerRound, long deadlineNanos, long seed) {
    }

    /** Statistics of one refinement run. */
    public record Stats(int rounds, long swaps, double objectiveBefore, double objectiveAfter, boolean timedOut) {
    }

    private static final double MIN_IMPROVEMENT = 1e-15;
    /** A lazy pop gives up re-checking after this many fresh evaluations and takes the best seen. */
    private static final int MAX_LAZY_CHECKS = 64;
    /** Consecutive non-improving pairs after which a round gives up and rescores. */
    private static final int MAX_FAILURES = 32;

    public static Stats refine(SubsetState state, Params p, Parallel par, Progress progress) {
        double before = state.recomputeObjective();
        int poolRows = state.poolRows();
        int[] permutation = permutation(poolRows, new SplittableRandom(p.seed()));
        int cursor = 0;
        long swaps = 0;
        int round = 0;
        int idleRounds = 0;
        int roundsPerCycle = Math.max(1, (int) Math.ceil((poolRows - state.size()) / (double) Math.max(1, p.candidatesPerRound())));
        boolean timedOut = false;
        int shortlist = p.shortlist();
        int maxShortlist = Math.max(p.shortlist(), state.size() / 4);
        int[] chosenBuf = new int[state.size()];
        double[] removalGains = new double[state.size()];
        int[] candBuf = new int[Math.min(poolRows, Math.max(1, p.candidatesPerRound()))];
        double[] candGains = new double[candBuf.length];
        for (; round < p.rounds(); round++) {
            if (System.nanoTime() > p.deadlineNanos()) {
                timedOut = true;
                break;
            }
            // Candidates: the next unchosen rows of the permutation.
            int nc = 0;
            int scanned = 0;
            while (nc < candBuf.length && scanned < poolRows) {
                int r = permutation[cursor];
                cursor = cursor + 1 == poolRows ? 0 : cursor + 1;
                scanned++;
                if (!state.isChosen(r)) {
                    candBuf[nc++] = r;
                }
            }
            if (nc == 0) {
                break;
            }
            int nr = 0;
            for (int r = 0; r < poolRows && nr < chosenBuf.length; r++) {
                if (state.isChosen(r)) {
                    chosenBuf[nr++] = r;
                }
            }
            RowScorer.score(state.features(), state.codes(), chosenBuf, nr, state.removalTable(), removalGains, par);
            RowScorer.score(state.features(), state.codes(), candBuf, nc, state.additionTable(), candGains, par);
            GainHeap out = shortlist(chosenBuf, removalGains, nr, shortlist);
            GainHeap in = shortlist(candBuf, candGains, nc, shortlist);
            long roundSwaps = 0;
            int failures = 0;
            while (!out.isEmpty() && !in.isEmpty() && failures < MAX_FAILURES) {
                double objectiveBefore = state.objective();
                int r = popBest(out, state, true);
                state.remove(r);
                int c = popBest(in, state, false);
                state.add(c);
                if (state.objective() < objectiveBefore - MIN_IMPROVEMENT) {
                    roundSwaps++;
                    failures = 0;
                } else {
                    // Undo. This removal found no partner: drop it for this round, keep the candidate.
                    state.remove(c);
                    state.add(r);
                    in.push(state.additionGain(c), c);
                    failures++;
                }
            }
            swaps += roundSwaps;
            // Scoring dominates a round's cost: when a round used up its shortlist, the next gets a longer one.
            if (roundSwaps >= shortlist / 2) {
                shortlist = Math.min(maxShortlist, shortlist * 2);
            } else if (roundSwaps < shortlist / 8) {
                shortlist = Math.max(p.shortlist(), shortlist / 2);
            }
            state.recomputeObjective();
            idleRounds = roundSwaps == 0 ? idleRounds + 1 : 0;
            if (progress != null) {
                progress.update((round + 1) / (double) p.rounds(), String.format(Locale.ROOT,
                        "round %d  swaps %d  objective %.6f", round + 1, swaps, state.objective()));
            }
            // Nothing improved over a full pass of the pool: converged.
            if (idleRounds >= roundsPerCycle) {
                round++;
                break;
            }
        }
        return new Stats(round, swaps, before, state.recomputeObjective(), timedOut);
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

    static int[] permutation(int n, SplittableRandom rng) {
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
