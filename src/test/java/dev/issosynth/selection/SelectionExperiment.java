package dev.issosynth.selection;

import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

/** Manual experiment (not a test): java ... SelectionExperiment rows cols poolFactor noise. */
public final class SelectionExperiment {
    public static void main(String[] a) {
        int rows = Integer.parseInt(a[0]);
        int cols = Integer.parseInt(a[1]);
        int factor = Integer.parseInt(a[2]);
        double noise = Double.parseDouble(a[3]);
        CodeTable train = SyntheticCodes.chained(rows, cols, 10, 0.6, 1);
        CodeTable hold = SyntheticCodes.chained(rows, cols, 10, 0.6, 2);
        CodeTable pool = SyntheticCodes.noisyCopies(train, rows * factor, noise, 3);
        try (Parallel par = new Parallel(Parallel.defaultThreads())) {
            AccuracyReport h = AccuracyEvaluator.evaluate(train, hold, 1, par);
            System.out.printf("holdout overall %.5f (max %.5f)%n", h.overall(), h.overallMax());
            AccuracyReport rnd = AccuracyEvaluator.evaluate(train, pool.select(java.util.stream.IntStream.range(0, rows).toArray()), 1, par);
            System.out.printf("random subset overall %.5f%n", rnd.overall());
            long t = System.nanoTime();
            SelectionEngine.Result res = SelectionEngine.run(train, pool, SelectionParams.defaults(rows), par,
                    new Progress(System.err, false), true);
            System.out.printf("engine %.1fs%n", (System.nanoTime() - t) / 1e9);
            for (SelectionEngine.StageReport s : res.stages()) {
                System.out.printf("%s %.1fs rows %d obj %.6f overall %.5f uni %.5f bi %.5f tri %.5f%n", s.stage(), s.seconds(), s.rows(),
                        s.objective(), s.accuracy().overall(), s.accuracy().univariate(), s.accuracy().bivariate(), s.accuracy().trivariate());
            }
        }
    }
}
