package dev.issosynth.api;

// README:start
import dev.issosynth.api.*;
import java.nio.file.Path;

public class Example {
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        Table train = Table.read(Path.of(args[0]), TableOptions.builder().naValues("?").build());
        Path pool = Issosynth.generatePool(train, GeneratorOptions.defaults(), 10L * train.rowCount(), 42,
                dir.resolve("pool.csv"), ProgressListener.none());
        SelectionResult result = Issosynth.select(train, pool, dir.resolve("result.csv"),
                SelectionOptions.builder().seed(42).build(), new ProgressListener() {
                    @Override
                    public void stage(String stage) {
                        System.err.println("stage: " + stage);
                    }
                });
        Evaluation e = Issosynth.evaluate(train, result.output(), null, 42);
        System.out.printf("%d rows, accuracy %.4f%n", result.rows(), e.overall());
    }
}
// README:end
