package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.InputException;
import dev.issosynth.math.Gemms;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's size is known before it is built, and a model too large for the heap is refused up front. */
class ModelMemoryTest {
    @Test
    void theCountFromTheShapeIsTheBuiltModelsCount() {
        TrainingTable t = TrainingTable.of(TestTables.columns("a", "b", "c")
                .rows(60, i -> new String[] {"x" + i % 5, Integer.toString(i % 17), i % 2 == 0 ? "2024-01-0" + (1 + i % 9) : ""})
                .build(), MissingValues.defaults());
        Encodings enc = Encodings.fit(t, true, 3L);
        for (ModelSize size : ModelSize.values()) {
            assertEquals(FlatModel.forEncodings(enc, size, 1, 1L, Gemms.best()).parameterCount(),
                    FlatModel.parameterCount(enc, size), size.name());
        }
    }

    @Test
    void aModelThatCannotFitIsRefusedNamingTheHeap() {
        TrainingRun.requireMemory(1_000_000, 10, 48_000_000L, false); // exactly enough
        InputException e = assertThrows(InputException.class,
                () -> TrainingRun.requireMemory(156_000_000L, 1_000, 2L << 30, false));
        assertEquals("argn: the model for these 1,000 sub-columns has 156,000,000 parameters and needs about 7.5 GB to"
                + " train, the JVM has 2.1 GB free; give it more heap (JAVA_OPTS=-Xmx11g ./run.sh), or use --model Small"
                + " or fewer columns", e.getMessage());
        assertTrue(e.getMessage().contains("JAVA_OPTS"), "names how to give more heap");
        InputException small = assertThrows(InputException.class,
                () -> TrainingRun.requireMemory(156_000_000L, 1_000, 2L << 30, true));
        assertTrue(small.getMessage().endsWith("or use fewer columns"), "no smaller model to suggest: "
                + small.getMessage());
    }
}
