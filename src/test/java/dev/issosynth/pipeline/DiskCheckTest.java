package dev.issosynth.pipeline;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A pool that cannot fit on the disk is refused before any training, with the sizes in the message. */
class DiskCheckTest {
    @Test
    void anAverageRowIsItsCellsDelimitersAndLineEnd() {
        RawTable t = new RawTable(new String[] {"a", "b"}, new String[][] {{"12", "1234"}, {"x", "yz"}});
        // row 1: "12,x\n" = 5 bytes; row 2: "1234,yz\n" = 8 bytes
        assertEquals(6.5, DiskCheck.averageRowBytes(t), 1e-12);
    }

    @Test
    void aPoolTooLargeForTheDiskIsRefused() {
        DiskCheck.require(1_000_000, 100, 120_000_000L, Path.of("pool_data")); // 100 MB x 1.2 fits exactly
        InputException e = assertThrows(InputException.class,
                () -> DiskCheck.require(25_000_000, 400, 2_000_000_000L, Path.of("pool_data")));
        assertEquals("pool_data: the pool needs about 12.0 GB (25,000,000 rows of about 400 bytes), the disk has"
                + " 2.0 GB free; free some space, or lower --pool-factor", e.getMessage());
    }
}
