package dev.issosynth.pipeline;

import dev.issosynth.io.RawTable;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import org.junit.jupiter.api.Test;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolCodesTest {
    private static String[] row(int i) {
        return new String[] {"v" + (i % 7), Integer.toString(i * 37 % 101)};
    }

    @Test
    void withAStrideThePrivacyCellsOfEveryStrideRowAreKeptAtRowOverStride() {
        RawTable t = columns("x", "y").rows(40, PoolCodesTest::row).build();
        TrainingTable train = TrainingTable.of(t, MissingValues.defaults());
        PrivacyReference ref = PrivacyReference.fit(train, 40, 1, 1, null);
        dev.issosynth.util.Parallel par = new dev.issosynth.util.Parallel(1);
        PoolCodes all = new PoolCodes(train.schema(), null, ref, par);
        PoolCodes every3 = new PoolCodes(train.schema(), null, ref, par).keepCellsEvery(3);
        // two chunks of 10 rows, the second starting off the stride (row 10: rows 12, 15, 18 are kept)
        for (int first = 0; first < 20; first += 10) {
            String[][] chunk = new String[10][];
            for (int i = 0; i < 10; i++) {
                chunk[i] = row(first + i + 5);
            }
            all.accept(first, chunk, 10);
            every3.accept(first, chunk, 10);
        }
        assertEquals(3, every3.cellStride());
        for (int k = 0; k < ref.compactColumns(); k++) {
            for (int j = 0; j * 3 < 20; j++) {
                assertEquals(all.compact().get(k, j * 3), every3.compact().get(k, j), "column " + k + ", row " + j * 3);
            }
        }
        assertEquals(all.table().rows(), every3.table().rows(), "every row is still binned");
        assertThrows(IllegalStateException.class, () -> every3.keepCellsEvery(2), "set before the first row");
        par.close();
    }
}
