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

    @Test
    void aTableTooWideForTheHeapTrainsASmallerModelChosenByTheHeapLimit() {
        // 300 columns of 8 categories: every head's first layer sees every other column's embedding
        String[] names = new String[300];
        for (int c = 0; c < names.length; c++) {
            names[c] = "c" + c;
        }
        TrainingTable t = TrainingTable.of(TestTables.columns(names).rows(40, i -> {
            String[] row = new String[names.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = "v" + ((i * (c + 3)) % 8);
            }
            return row;
        }).build(), MissingValues.defaults());
        Encodings enc = Encodings.fit(t, false, 3L);
        long medium = FlatModel.parameterCount(enc, ModelSize.MEDIUM);
        long small = FlatModel.parameterCount(enc, ModelSize.SMALL);
        long tiny = FlatModel.parameterCount(enc, ModelSize.TINY);
        assertTrue(tiny < small && small < medium, tiny + " < " + small + " < " + medium);
        long bytesPerParameter = TrainingRun.FLOATS_PER_PARAMETER * Float.BYTES;
        long heapFor = (long) Math.ceil(medium * bytesPerParameter / TrainingRun.HEAP_SHARE);
        assertEquals(ModelSize.MEDIUM, TrainingRun.fittingSize(enc, ModelSize.MEDIUM, heapFor, null), "it fits");
        assertEquals(ModelSize.SMALL, TrainingRun.fittingSize(enc, ModelSize.MEDIUM, heapFor - 1, null));
        long heapForSmall = (long) Math.ceil(small * bytesPerParameter / TrainingRun.HEAP_SHARE);
        assertEquals(ModelSize.TINY, TrainingRun.fittingSize(enc, ModelSize.MEDIUM, heapForSmall - 1, null));
        assertEquals(ModelSize.TINY, TrainingRun.fittingSize(enc, ModelSize.SMALL, 1, null), "never larger than asked");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TrainingRun.fittingSize(enc, ModelSize.LARGE, heapForSmall, new dev.issosynth.util.Progress(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), false));
        java.util.List<String> said = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains("a Large model of these 300 sub-columns needs")
                && said.get(0).contains("training a Small model"), said.get(0));
    }
}
