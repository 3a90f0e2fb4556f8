package dev.issosynth.io;

import static dev.issosynth.io.TestFiles.assertInputError;
import static dev.issosynth.io.TestFiles.listing;
import static dev.issosynth.io.TestFiles.read;
import static dev.issosynth.io.TestFiles.write;
import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesCommaLfMinimalQuotingExactText() {
        RawTable t = columns("a", "b,c")
                .row("1e+05", "Bay Terrace, Staten Island")
                .row("", "007")
                .row("NA", "two\nlines")
                .row("x\"y", "1.50")
                .build();
        Path out = dir.resolve("o.csv");
        CsvWriter.write(t, out);
        assertEquals("a,\"b,c\"\n"
                + "1e+05,\"Bay Terrace, Staten Island\"\n"
                + "\"\",007\n" // an empty FIRST field is quoted, so a one-column row never looks blank
                + "NA,\"two\nlines\"\n"
                + "\"x\"\"y\",1.50\n", read(out));
        assertEquals(List.of("o.csv"), listing(dir), "no temp file left");
    }

    @Test
    void outputGetsTheUsualPermissionsNotOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path out = dir.resolve("o.csv");
        CsvWriter.write(columns("a").row("1").build(), out);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    @Test
    void roundTripKeepsEveryCell() {
        RawTable t = columns("id", "text").row("1", " lead").row("2", "trail ").row("3", "#hash").build();
        Path out = dir.resolve("r.csv");
        CsvWriter.write(t, out);
        RawTable back = CsvReader.read(out);
        assertArrayEquals(t.column(1), back.column(1));
    }

    @Test
    void gzNameWritesGzip() throws Exception {
        RawTable t = columns("a").row("1").row("2").build();
        Path out = dir.resolve("o.csv.gz");
        CsvWriter.write(t, out);
        byte[] b = Files.readAllBytes(out);
        assertEquals(0x1f, b[0] & 0xff);
        assertArrayEquals(new String[] {"1", "2"}, CsvReader.read(out).column(0));
    }

    @Test
    void rowWriterCommitRenamesAtomically() {
        Path out = dir.resolve("gen.csv");
        try (RowWriter w = CsvWriter.open(out, new String[] {"a", "b"})) {
            w.write(new String[] {"1", "2"});
            assertFalse(Files.exists(out), "target appears only on commit");
            assertEquals(1, listing(dir).size(), "one temp file while writing");
            w.commit();
        }
        assertEquals("a,b\n1,2\n", read(out));
        assertEquals(List.of("gen.csv"), listing(dir));
    }

    @Test
    void rowWriterWithoutCommitLeavesNothing() {
        Path out = dir.resolve("gen.csv");
        try (RowWriter w = CsvWriter.open(out, new String[] {"a"})) {
            w.write(new String[] {"1"});
        }
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void failureMidWriteLeavesNoOutputAndNoTemp() {
        Path out = dir.resolve("gen.csv");
        assertThrows(IllegalStateException.class, () -> {
            try (RowWriter w = CsvWriter.open(out, new String[] {"a"})) {
                w.write(new String[] {"1"});
                throw new IllegalStateException("generator failed");
            }
        });
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void commitReplacesAnExistingFile() {
        Path out = write(dir, "o.csv", "old\n");
        CsvWriter.write(columns("n").row("new").build(), out);
        assertEquals("n\nnew\n", read(out));
    }

    @Test
    void rowWithWrongWidthIsRejected() {
        try (RowWriter w = CsvWriter.open(dir.resolve("x.csv"), new String[] {"a", "b"})) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new String[] {"1"}));
        }
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void writeSelectedRowsStreamsReordersAndKeepsText() {
        Path pool = write(dir, "pool.csv", "b,a\nx,1e+05\n\"y,z\",2\nw,NA\n");
        Path out = dir.resolve("out").resolve("sel.csv");
        long n = CsvWriter.writeSelectedRows(pool, new String[] {"a", "b"}, new boolean[] {true, false, true}, out);
        assertEquals(2, n);
        assertEquals("a,b\n1e+05,x\nNA,w\n", read(out));
        assertEquals(List.of("sel.csv"), listing(out.getParent()));
    }

    @Test
    void writeSelectedRowsFailureLeavesNothing() {
        Path pool = write(dir, "pool.csv", "a,b\n1,2\n3,4\n5,6\n");
        Path outDir = dir.resolve("out");
        assertInputError(() -> CsvWriter.writeSelectedRows(pool, new String[] {"a", "b"},
                new boolean[] {true, true}, outDir.resolve("s.csv")), "pool.csv", "more rows than the selection");
        assertEquals(List.of(), listing(outDir));
        assertInputError(() -> CsvWriter.writeSelectedRows(pool, new String[] {"a", "b"},
                new boolean[] {true, true, true, true}, outDir.resolve("s.csv")), "has 3 rows", "covers 4");
        assertEquals(List.of(), listing(outDir));
        assertInputError(() -> CsvWriter.writeSelectedRows(pool, new String[] {"a", "c"},
                new boolean[3], outDir.resolve("s.csv")), "missing [c]", "unexpected [b]");
        assertEquals(List.of(), listing(outDir));
        Path ragged = write(dir, "ragged.csv", "a,b\n1,2\n3\n");
        assertInputError(() -> CsvWriter.writeSelectedRows(ragged, new String[] {"a", "b"},
                new boolean[] {true, true}, outDir.resolve("s.csv")), "ragged.csv", "row 2");
        assertEquals(List.of(), listing(outDir));
    }

    @Test
    void writeSelectedRowsRefusesToOverwriteItsSource() {
        Path pool = write(dir, "pool.csv", "a\n1\n");
        assertInputError(() -> CsvWriter.writeSelectedRows(pool, new String[] {"a"}, new boolean[] {true}, pool),
                "overwrite its own source");
        assertEquals("a\n1\n", read(pool));
    }

    @Test
    void writingOntoADirectoryFails() throws Exception {
        Path d = Files.createDirectory(dir.resolve("taken.csv"));
        assertInputError(() -> CsvWriter.write(columns("a").row("1").build(), d),
                "taken.csv", "directory");
        assertEquals(List.of("taken.csv"), listing(dir));
    }

    @Test
    void uniquePathCountsUp() throws Exception {
        assertEquals(dir.resolve("syn.csv"), CsvWriter.uniquePath(dir, "syn", "csv"));
        Files.createFile(dir.resolve("syn.csv"));
        assertEquals(dir.resolve("syn_2.csv"), CsvWriter.uniquePath(dir, "syn", ".csv"));
        Files.createFile(dir.resolve("syn_2.csv"));
        assertEquals(dir.resolve("syn_3.csv"), CsvWriter.uniquePath(dir, "syn", "csv"));
        assertTrue(CsvWriter.uniquePath(dir, "syn", "csv.gz").toString().endsWith("syn.csv.gz"));
    }
}
