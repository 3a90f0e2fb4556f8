package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureRankerTest {

    static List<int[]> allPairs(int m) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                out.add(new int[] {i, j});
            }
        }
        return out;
    }

    @Test
    void mutualInformationOfACopyIsItsEntropy() {
        // Columns 0 and 1 equal, uniform over 2 values: MI = ln 2. Column 2 independent of column 0: MI = 0.
        CodeTable t = CodeTable.ofRows(new int[] {2, 2, 2},
                new int[] {0, 0, 0}, new int[] {0, 0, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 1});
        assertEquals(Math.log(2), FeatureRanker.mutualInformation(t, 0, 1), 1e-12);
        assertEquals(0.0, FeatureRanker.mutualInformation(t, 0, 2), 1e-12);
    }

    @Test
    void ranksTheDependentPairFirstAndTheTripleContainingIt() {
        CodeTable t = CodeTable.ofRows(new int[] {2, 2, 2, 2},
                new int[] {0, 0, 0, 1}, new int[] {0, 0, 1, 0}, new int[] {1, 1, 0, 0}, new int[] {1, 1, 1, 1});
        try (Parallel par = new Parallel(1)) {
            List<int[]> pairs = FeatureRanker.topPairs(t, 2, par);
            assertEquals(2, pairs.size());
            assertArrayEquals(new int[] {0, 1}, pairs.get(0));
            List<int[]> triples = FeatureRanker.topTriples(t, FeatureRanker.topPairs(t, -1, par), 1, par);
            // Column 3 = col0 XOR col2: {0,2,3} has total correlation ln 2, as does {0,1,x}; ties go to the first found.
            assertEquals(1, triples.size());
            int[] best = triples.get(0);
            double tc = FeatureRanker.entropy(t, best[0]) + FeatureRanker.entropy(t, best[1])
                    + FeatureRanker.entropy(t, best[2]) - FeatureRanker.entropy(t, best);
            assertEquals(Math.log(2), tc, 1e-12);
        }
    }
}
