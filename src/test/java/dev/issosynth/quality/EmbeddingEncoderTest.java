package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation's encoding: quantile transform, value embeddings with PCA, the rare point, unit rows. */
class EmbeddingEncoderTest {
    private static final MissingValues NA = MissingValues.defaults();

    private static EmbeddingEncoder fit(RawTable train, RawTable holdout) {
        return new EmbeddingEncoder(Schema.fit(train, NA), train, holdout, new SplittableRandom(1), null);
    }

    @Test
    void pcaDimensionsFollowTheNumberOfDistinctValues() {
        assertEquals(2, EmbeddingEncoder.pcaDims(1));
        assertEquals(2, EmbeddingEncoder.pcaDims(20));
        assertEquals(3, EmbeddingEncoder.pcaDims(21));
        assertEquals(3, EmbeddingEncoder.pcaDims(100));
        assertEquals(4, EmbeddingEncoder.pcaDims(101));
        assertEquals(4, EmbeddingEncoder.pcaDims(30_000));
        // columns with 20, 21 and 101 distinct values (training and holdout together), the last split across both
        RawTable train = columns("c20", "c21", "c101")
                .rows(101, i -> new String[] {"v" + (i % 20), "w" + (i % 21), "x" + (i < 60 ? i : 0)}).build();
        RawTable holdout = columns("c20", "c21", "c101")
                .rows(50, i -> new String[] {"v0", "w0", "x" + (i + 60)}).build();
        EmbeddingEncoder enc = fit(train, holdout);
        assertEquals(List.of("c20 - PCA 1", "c20 - PCA 2", "c21 - PCA 1", "c21 - PCA 2", "c21 - PCA 3",
                "c101 - PCA 1", "c101 - PCA 2", "c101 - PCA 3", "c101 - PCA 4"), enc.dimNames());
        assertEquals(List.of("c20", "c20", "c21", "c21", "c21", "c101", "c101", "c101", "c101"), enc.dimColumns());
    }

    @Test
    void theValueVectorIsAFixedFunctionOfTheText() {
        // the first, second and last component, as an independent implementation of the documented rule gives them
        double[] a = ValueEmbedding.valueVector("a");
        assertEquals(-0.09210225428282146, a[0], 1e-15);
        assertEquals(0.0452669274151436, a[1], 1e-15);
        assertEquals(-0.020471251509571655, a[255], 1e-15);
        double[] z = ValueEmbedding.valueVector("Zürich");
        assertEquals(-0.020232820543563974, z[0], 1e-15);
        assertEquals(0.03846615802965418, z[255], 1e-15);
        double len = 0;
        for (double x : z) {
            len += x * x;
        }
        assertEquals(1.0, len, 1e-12);
        assertArrayEquals(ValueEmbedding.valueVector("Private"), ValueEmbedding.valueVector("Private"));
    }

    @Test
    void threePointsKeepTheirDistancesInTwoDimensions() {
        // two values and the rare point: PCA to 2 dimensions loses nothing
        List<String> values = List.of("yes", "no", EmbeddingEncoder.RARE);
        double[][] p = ValueEmbedding.project(values, 2);
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double[] u = ValueEmbedding.valueVector(values.get(i));
                double[] v = ValueEmbedding.valueVector(values.get(j));
                double full = 0;
                for (int d = 0; d < u.length; d++) {
                    full += (u[d] - v[d]) * (u[d] - v[d]);
                }
                double proj = (p[i][0] - p[j][0]) * (p[i][0] - p[j][0]) + (p[i][1] - p[j][1]) * (p[i][1] - p[j][1]);
                assertEquals(full, proj, 1e-12, values.get(i) + " to " + values.get(j));
            }
        }
        // centred: the points' mean is the origin
        assertEquals(0.0, p[0][0] + p[1][0] + p[2][0], 1e-12);
        // one value and the rare point span one direction: the second coordinate is 0
        double[][] q = ValueEmbedding.project(List.of("only", EmbeddingEncoder.RARE), 2);
        assertEquals(0.0, q[0][1]);
        assertEquals(0.0, q[1][1]);
        assertEquals(-q[0][0], q[1][0], 1e-12);
    }

    @Test
    void manyValuesProjectThroughTheCovarianceLikeThroughTheGramMatrix() {
        // more points than embedding dimensions take the covariance route; the distances in the projection must be
        // those of the leading principal subspace either way: compare 300 values against the Gram route on a subset
        // of their spread by checking the projection is centred and its variance ordered
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add("value " + i);
        }
        double[][] p = ValueEmbedding.project(values, 4);
        double[] var = new double[4];
        for (int c = 0; c < 4; c++) {
            double mean = 0;
            for (double[] row : p) {
                mean += row[c];
            }
            assertEquals(0.0, mean / p.length, 1e-12);
            for (double[] row : p) {
                var[c] += row[c] * row[c];
            }
        }
        for (int c = 1; c < 4; c++) {
            assertTrue(var[c - 1] >= var[c] - 1e-9, "variances in decreasing order " + java.util.Arrays.toString(var));
        }
    }

    @Test
    void anUnseenValueTakesTheRarePoint() {
        RawTable train = columns("c").rows(30, i -> new String[] {i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue"})
                .build();
        EmbeddingEncoder enc = fit(train, train);
        RawTable synth = columns("c").row("red").row("purple").row("orange").row("green").build();
        double[] x = enc.encode(synth, null);
        int dim = enc.dim();
        assertEquals(2, dim);
        // two different unseen values: the same (rare) point, which no seen value has
        assertArrayEquals(new double[] {x[2], x[3]}, new double[] {x[4], x[5]});
        assertFalse(x[0] == x[2] && x[1] == x[3]);
        assertFalse(x[6] == x[2] && x[7] == x[3]);
        // rows are unit vectors
        for (int r = 0; r < 4; r++) {
            assertEquals(1.0, Math.hypot(x[r * 2], x[r * 2 + 1]), 1e-12);
        }
    }

    @Test
    void numericColumnsFollowTheLibrarysQuantileTransform() {
        double[] levels = QuantileTransform.levels(5);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, levels);
        double[] q = QuantileTransform.quantiles(new double[] {4, 0, Double.NaN, 2, 1, 3}, levels);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, q);
        assertEquals(0.5, QuantileTransform.transform(q, levels, 2));
        assertEquals(0.625, QuantileTransform.transform(q, levels, 2.5));
        assertEquals(0.0, QuantileTransform.transform(q, levels, -1));
        assertEquals(1.0, QuantileTransform.transform(q, levels, 9));
        // a run of equal quantiles inside the range maps to its middle...
        double[] inner = {0, 1, 1, 1, 2};
        assertEquals(0.5, QuantileTransform.transform(inner, levels, 1));
        // ...but a value equal to the lowest quantile maps to 0 and to the highest to 1, however long the run
        double[] low = {0, 0, 0, 1, 2};
        assertEquals(0.0, QuantileTransform.transform(low, levels, 0));
        assertEquals(1.0, QuantileTransform.transform(new double[] {0, 1, 2, 2, 2}, levels, 2));
        // a constant column maps to 0
        assertEquals(0.0, QuantileTransform.transform(new double[] {3, 3, 3, 3, 3}, levels, 3));
        // numpy's linear percentile: 100 levels on 200 values 0..199 put level i at 199·i/99
        double[] q100 = QuantileTransform.quantiles(java.util.stream.IntStream.range(0, 200).asDoubleStream().toArray(),
                QuantileTransform.levels(100));
        assertEquals(199.0 * 50 / 99, q100[50], 1e-12);
        assertNull(QuantileTransform.quantiles(new double[] {Double.NaN}, levels));
    }

    @Test
    void quantileLevelsCountRowsWithMissingCellsAndTheSubsampleIsCapped() {
        double[] v = new double[25_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        double[] s = QuantileTransform.subsample(v, 10_000, new SplittableRandom(3));
        assertEquals(10_000, s.length);
        assertEquals(10_000, java.util.Arrays.stream(s).distinct().count());
        assertArrayEquals(v, QuantileTransform.subsample(v, 30_000, new SplittableRandom(3)));
    }

    @Test
    void aMissingIndicatorOnlyWhenTrainingOrHoldoutHasAMissingCell() {
        RawTable train = columns("x", "y").rows(10, i -> new String[] {String.valueOf(i), String.valueOf(i)}).build();
        RawTable holdout = columns("x", "y").rows(10, i -> new String[] {i == 4 ? "" : String.valueOf(i),
            String.valueOf(i)}).build();
        EmbeddingEncoder enc = fit(train, holdout);
        assertEquals(List.of("x", "x - N/A", "y"), enc.dimNames());
        // a synthetic row missing y: y is 0 (no indicator), x present: indicator −0.5
        double[] r = enc.encode(columns("y", "x").row("", "9").build(), null);
        // x = 9 is the highest quantile → 1 − 0.5 = 0.5; the indicator −0.5; y 0; scaled to unit length
        double len = Math.sqrt(0.25 + 0.25);
        assertEquals(0.5 / len, r[0], 1e-6);
        assertEquals(-0.5 / len, r[1], 1e-6);
        assertEquals(0.0, r[2]);
        double[] m = enc.encode(columns("x", "y").row("", "0").build(), null);
        // x missing: 0 and indicator +0.5; y = 0 is the lowest quantile → −0.5
        assertEquals(0.0, m[0]);
        assertEquals(0.5 / len, m[1], 1e-6);
        assertEquals(-0.5 / len, m[2], 1e-6);
    }

    @Test
    void theFitDoesNotDependOnTheThreadCount() {
        RawTable t = columns("n", "c", "d").rows(300, i -> new String[] {String.valueOf(i * 7 % 113), "k" + (i % 37),
            "2020-01-" + (1 + i % 28)}).build();
        double[] one;
        double[] two;
        try (dev.issosynth.util.Parallel p1 = new dev.issosynth.util.Parallel(1);
             dev.issosynth.util.Parallel p2 = new dev.issosynth.util.Parallel(2)) {
            Schema schema = Schema.fit(t, NA);
            one = new EmbeddingEncoder(schema, t, t, new SplittableRandom(5), p1).encode(t, p1);
            two = new EmbeddingEncoder(schema, t, t, new SplittableRandom(5), p2).encode(t, p2);
        }
        assertArrayEquals(one, two);
    }

    @Test
    void compactCellsExpandToTheEncodedRowsWithinTheirRounding() {
        RawTable train = columns("n", "c", "d").row("1", "x", "2020-01-01").row("5", "y", "2020-02-01")
                .row("", "x", "2021-06-30").row("12.5", "z", "").row("3", "y", "2019-12-31").build();
        RawTable other = columns("n", "c", "d").row("7", "never", "2020-01-15").row("", "", "2030-01-01")
                .row("-4", "x", "2020-02-01").build();
        EmbeddingEncoder enc = new EmbeddingEncoder(Schema.fit(train, NA), train, train, new SplittableRandom(1),
                null);
        String[] names = enc.compactColumns();
        assertArrayEquals(new String[] {"n", "d", "c"}, names, "numeric and datetime first, then categorical");
        for (RawTable t : List.of(train, other)) {
            char[][] compact = new char[names.length][t.rowCount()];
            for (int k = 0; k < names.length; k++) {
                for (int r = 0; r < t.rowCount(); r++) {
                    compact[k][r] = enc.compactCell(k, t.cell(t.columnIndex(names[k]), r));
                }
            }
            float[] expanded = new float[t.rowCount() * enc.dim()];
            enc.expand(CompactCells.of(compact), null, t.rowCount(), expanded, null);
            double[] exact = enc.encode(t, null);
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], expanded[i], 2e-5, "value " + i);
            }
        }
    }

    @Test
    void theOneSearchTransformAgreesWithTheFullRule() {
        double[] levels = QuantileTransform.levels(9);
        double[] q = {1, 2, 2, 2, 3.5, 4, 7, 7, 10};
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++) {
            double x = i % 10 == 0 ? q[rnd.nextInt(q.length)] : -1 + 13 * rnd.nextDouble();
            assertEquals(QuantileTransform.transform(q, levels, x), QuantileTransform.transformFast(q, levels, x), 1e-12,
                    "x = " + x);
        }
    }
}
