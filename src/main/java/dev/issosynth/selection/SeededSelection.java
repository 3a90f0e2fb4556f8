package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.util.List;
import java.util.Locale;

/**
 * The selection of a seeded run: the pool holds {@code candidates} consecutive rows per seed row (the generator's
 * draws given that row's values), and the result takes exactly one of each, in the seed's order. Which one is
 * chosen the ISSOSYNTH way: start from each seed row's first allowed candidate, then, seed row by seed row, take out
 * its candidate and put back the one that brings the result's statistics closest to the (steered) training
 * statistics, until a round changes nothing. Rows the steering rules out are never chosen, unless every candidate
 * of a seed row is ruled out (then its first is kept and counted).
 */
public final class SeededSelection {
    private SeededSelection() {
    }

    /** The chosen pool rows (one per seed row, ascending = the seed's order) and the seed rows left with a ruled-out row. */
    public record Result(int[] rows, int unavoidable, int rounds, double objective) {
    }

    /**
     * @param ruledOut per pool row 1 when the steering rules it out; null for none
     * @param rounds   at most this many passes over the seed rows
     */
    public static Result select(TrainingTargets targets, List<int[]> forcedPairs, CodeTable pool, int candidates,
            byte[] ruledOut, SelectionParams p, int rounds, Parallel par, Progress progress) {
        if (candidates < 1 || pool.rows() % candidates != 0) {
            throw new IllegalArgumentException(pool.rows() + " pool rows are not " + candidates + " per seed row");
        }
        int groups = pool.rows() / candidates;
        progress.stage("rank");
        List<int[]> ranked = SelectionEngine.withForced(FeatureRanker.topPairs(targets.table(), -1, par), forcedPairs);
        FeatureSet features = SelectionEngine.objective(targets.table(), ranked, null, p, par);
        progress.done(String.format(Locale.ROOT, "%d pairs + %d triples", features.phaseSize(FeatureSet.BI),
                features.phaseSize(FeatureSet.TRI)));
        progress.stage("seeded");
        SubsetState state = new SubsetState(features, targets, pool, groups, null, 0);
        int[] chosen = new int[groups];
        int unavoidable = 0;
        for (int g = 0; g < groups; g++) {
            chosen[g] = g * candidates;
            for (int j = 0; j < candidates; j++) {
                if (ruledOut == null || ruledOut[g * candidates + j] == 0) {
                    chosen[g] = g * candidates + j;
                    break;
                }
            }
            unavoidable += ruledOut != null && ruledOut[chosen[g]] != 0 ? 1 : 0;
            state.add(chosen[g]);
        }
        state.recomputeObjective();
        int round = 0;
        boolean changed = candidates > 1;
        while (changed && round < rounds) {
            changed = false;
            round++;
            for (int g = 0; g < groups; g++) {
                state.remove(chosen[g]);
                int best = chosen[g];
                double bestGain = state.additionGain(best);
                for (int j = 0; j < candidates; j++) {
                    int r = g * candidates + j;
                    if (r == chosen[g] || (ruledOut != null && ruledOut[r] != 0)) {
                        continue;
                    }
                    double gain = state.additionGain(r);
                    if (gain > bestGain + 1e-12) {
                        best = r;
                        bestGain = gain;
                    }
                }
                state.add(best);
                changed |= best != chosen[g];
                chosen[g] = best;
            }
            progress.update(round / (double) rounds, String.format(Locale.ROOT, "round %d, objective %.6f", round,
                    state.objective()));
        }
        progress.done(String.format(Locale.ROOT, "%,d seed rows, %d candidates each, %d rounds, objective %.6f",
                groups, candidates, round, state.objective()));
        return new Result(chosen, unavoidable, round, state.objective());
    }
}
