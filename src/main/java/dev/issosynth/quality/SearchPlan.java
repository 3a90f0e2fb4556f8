package dev.issosynth.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * The search plan: the groups' dimensions cut into parts, and each group as a union of parts. The correlated
 * groups and the random groups are each a partition of the dimensions, so they are the parts, and "all" is the
 * union of the correlated ones.
 */
record SearchPlan(int[][] parts, int[][] groups) {
    static SearchPlan of(List<ColumnGroups.Spec> specs, int dim) {
        if (specs.size() == 1) {
            return new SearchPlan(new int[][] {specs.get(0).dims()}, new int[][] {{0}});
        }
        int[][] parts = new int[specs.size() - 1][];
        List<Integer> correlated = new ArrayList<>();
        int covered = 0;
        for (int g = 1; g < specs.size(); g++) {
            parts[g - 1] = specs.get(g).dims();
            if (specs.get(g).name().startsWith("correlated")) {
                correlated.add(g - 1);
                covered += parts[g - 1].length;
            }
        }
        if (covered != dim) {
            throw new IllegalStateException("correlated groups cover " + covered + " of " + dim + " dimensions");
        }
        int[][] groups = new int[specs.size()][];
        groups[0] = correlated.stream().mapToInt(Integer::intValue).toArray();
        for (int g = 1; g < specs.size(); g++) {
            groups[g] = new int[] {g - 1};
        }
        return new SearchPlan(parts, groups);
    }
}

