package dev.issosynth.io;

import static dev.issosynth.io.TestFiles.assertInputError;
import static dev.issosynth.io.TestFiles.gzip;
import static dev.issosynth.io.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readingAWholeFileReportsTheShareReadEvery65536Rows() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int r = 0; r < 200_000; r++) {
            sb.append(r).append(',').append(r % 7).append('\n');
        }
        Path f = TestFiles.write(dir, "whole.csv", sb.toString());
        java.util.List<Double> seen = new java.util.ArrayList<>();
        RawTable t = CsvReader.read(f, seen::add);
        assertEquals(200_000, t.rowCount());
        assertEquals(3, seen.size(), "after rows 65,536, 131,072 and 196,608");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "share went backwards at " + i);
        }
        assertTrue(seen.get(0) > 0 && seen.get(2) <= 1.0, seen.toString()); // read-ahead runs early
    }

    @Test
    void streamReportsTheShareOfTheFileReadAfterEachChunk() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int r = 0; r < 1_000_000; r++) {
            sb.append(r).append(',').append(r % 7).append('\n');
        }
        Path f = TestFiles.write(dir, "big.csv", sb.toString());
        java.util.List<Double> seen = new java.util.ArrayList<>();
        long rows = CsvReader.stream(f, new String[] {"a", "b"}, 50_000, (first, chunk, count) -> { }, seen::add);
        assertEquals(1_000_000, rows);
        // One report per full chunk; shares never go backwards, stay in [0, 1] and end near the whole file.
        assertEquals(20, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "share went backwards at " + i);
        }
        assertTrue(seen.get(0) > 0 && seen.get(seen.size() - 1) <= 1.0);
        assertTrue(seen.get(seen.size() - 1) > 0.9, "last share " + seen.get(seen.size() - 1));
        assertTrue(seen.get(0) < 0.5, "first share " + seen.get(0));
    }

    @Test
    void readsPlainCsvColumnMajor() {
        RawTable t = CsvReader.read(write(dir, "a.csv", "x,y\n1,a\n2,b\n"));
        assertArrayEquals(new String[] {"x", "y"}, t.header());
        assertArrayEquals(new String[] {"1", "2"}, t.column(0));
        assertArrayEquals(new String[] {"a", "b"}, t.column(1));
    }

    @Test
    void keepsCellTextExactly() {
        RawTable t = CsvReader.read(write(dir, "a.csv", "x,y\n 1.50 ,\n1e+05,NA\n"));
        assertArrayEquals(new String[] {" 1.50 ", "1e+05"}, t.column(0));
        assertArrayEquals(new String[] {"", "NA"}, t.column(1));
    }

    @Test
    void quotedDelimitersQuotesAndNewlines() {
        String csv = "name,note\n\"Bay Terrace, Staten Island\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"a\r\nb\"\n";
        RawTable t = CsvReader.read(write(dir, "q.csv", csv));
        assertEquals(2, t.rowCount());
        assertEquals("Bay Terrace, Staten Island", t.cell(0, 0));
        assertEquals("say \"hi\"", t.cell(1, 0));
        assertEquals("two\nlines", t.cell(0, 1));
        assertEquals("a\r\nb", t.cell(1, 1));
    }

    @Test
    void crlfLineEndings() {
        RawTable t = CsvReader.read(write(dir, "w.csv", "a,b\r\n1,2\r\n3,4\r\n"));
        assertArrayEquals(new String[] {"2", "4"}, t.column(1));
        assertEquals("b", t.name(1));
    }

    @Test
    void noTrailingNewlineAndBlankLinesSkipped() {
        RawTable t = CsvReader.read(write(dir, "n.csv", "a,b\n1,2\n\n3,4"));
        assertArrayEquals(new String[] {"1", "3"}, t.column(0));
    }

    @Test
    void stripsUtf8Bom() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "id,städt\n1,Wien\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        RawTable t = CsvReader.read(write(dir, "bom.csv", all));
        assertEquals("id", t.name(0), "BOM must not stick to the first name");
        assertEquals(0, t.columnIndex("id"));
        assertEquals("städt", t.name(1));
    }

    @Test
    void sniffsSemicolonTabAndPipe() {
        for (String d : new String[] {";", "\t", "|"}) {
            String csv = String.join(d, "a", "b", "c") + "\n" + String.join(d, "1,5", "x", "") + "\n"
                    + String.join(d, "2", "y,z", "q") + "\n";
            RawTable t = CsvReader.read(write(dir, "d.csv", csv));
            assertEquals(3, t.columnCount(), "delimiter " + d);
            assertArrayEquals(new String[] {"1,5", "2"}, t.column(0));
            assertArrayEquals(new String[] {"", "q"}, t.column(2));
        }
    }

    @Test
    void sniffIgnoresDelimitersInsideQuotes() {
        // ';' appears 1x per line outside quotes; ',' only inside quotes → ';'
        RawTable t = CsvReader.read(write(dir, "s.csv", "a;b\n\"1,2,3\";x\n\"4,5\";y\n"));
        assertEquals(2, t.columnCount());
        assertEquals("1,2,3", t.cell(0, 0));
    }

    @Test
    void singleColumnDefaultsToComma() {
        RawTable t = CsvReader.read(write(dir, "one.csv", "v\n1\n2\n"));
        assertEquals(1, t.columnCount());
        assertArrayEquals(new String[] {"1", "2"}, t.column(0));
    }

    @Test
    void gzipDetectedByMagicBytesNotName() {
        RawTable t = CsvReader.read(write(dir, "plain-name.csv", gzip("a,b\n1,2\n")));
        assertEquals("2", t.cell(1, 0));
        RawTable u = CsvReader.read(write(dir, "looks.csv.gz", "a,b\n3,4\n"));
        assertEquals("4", u.cell(1, 0));
    }

    @Test
    void multiMemberGzipIsReadToTheEnd() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("a,b\n1,x\n"));
        both.write(gzip("2,y\n3,z\n"));
        RawTable t = CsvReader.read(write(dir, "mm.csv.gz", both.toByteArray()));
        assertArrayEquals(new String[] {"1", "2", "3"}, t.column(0));
    }

    @Test
    void readHeaderOnly() {
        assertArrayEquals(new String[] {"a", "b"}, CsvReader.readHeader(write(dir, "h.csv", "a,b\n1,2\n")));
    }

    @Test
    void streamReordersIntoExpectedHeaderInChunks() {
        Path p = write(dir, "s.csv", "b,a,c\n1,2,3\n4,5,6\n7,8,9\n");
        List<String> seen = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        long n = CsvReader.stream(p, new String[] {"a", "b", "c"}, 2, (first, rows, count) -> {
            firsts.add(first);
            for (int i = 0; i < count; i++) {
                seen.add(String.join("", rows[i]));
            }
        });
        assertEquals(3, n);
        assertEquals(List.of(0L, 2L), firsts);
        assertEquals(List.of("213", "546", "879"), seen);
    }

    /** Latin-1 bytes (here "ü" as the single byte 0xFC) stop the read with a message; nothing becomes U+FFFD. */
    @Test
    void bytesThatAreNoUtf8AreRefusedNotReplaced() throws Exception {
        Path early = dir.resolve("latin1.csv");
        Files.write(early, "city,n\nZ\u00fcrich,1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertInputError(() -> CsvReader.read(early), "latin1.csv: not UTF-8 text");
        // far past the first block read to guess the delimiter: the error comes from the parser instead
        StringBuilder b = new StringBuilder("city,n\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("Basel,").append(i).append('\n');
        }
        b.append("Z\u00fcrich,1\n");
        Path late = dir.resolve("late.csv");
        Files.write(late, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertInputError(() -> CsvReader.read(late), "late.csv: not UTF-8 text");
        assertInputError(() -> CsvReader.stream(late, new String[] {"city", "n"}, 1000, (f, r, c) -> { }),
                "late.csv: not UTF-8 text");
        // the same text in UTF-8 reads as it is
        Path utf8 = dir.resolve("utf8.csv");
        Files.write(utf8, "city,n\nZ\u00fcrich,1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("Z\u00fcrich", CsvReader.read(utf8).cell(0, 0));
    }

    /** The consumer runs beside the parser: chunks still arrive whole, in order, and its failure reaches the caller. */
    @Test
    void aSlowConsumerSeesEveryChunkInOrderAndItsFailureIsTheCallers() {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int r = 0; r < 1000; r++) {
            csv.append(r).append(',').append(r * 2).append('\n');
        }
        Path p = write(dir, "many.csv", csv.toString());
        List<String> seen = new ArrayList<>();
        long n = CsvReader.stream(p, new String[] {"a", "b"}, 7, (first, rows, count) -> {
            try {
                Thread.sleep(1); // the parser fills the other buffer meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < count; i++) {
                assertEquals(Long.toString(first + i), rows[i][0], "row " + (first + i) + " is in its place");
                seen.add(rows[i][1]);
            }
        });
        assertEquals(1000, n);
        for (int r = 0; r < 1000; r++) {
            assertEquals(Integer.toString(r * 2), seen.get(r));
        }
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> CsvReader.stream(p, new String[] {"a", "b"}, 7, (first, rows, count) -> {
                    if (first >= 70) {
                        throw new InputException("stop at " + first);
                    }
                }));
        assertEquals("stop at 70", e.getMessage());
    }

    @Test
    void streamRejectsDifferentColumnSet() {
        Path p = write(dir, "s.csv", "a,b,x\n1,2,3\n");
        assertInputError(() -> CsvReader.stream(p, new String[] {"a", "b", "c"}, 10, (f, r, c) -> { }),
                "s.csv", "missing [c]", "unexpected [x]");
    }

    @Test
    void missingFile() {
        assertInputError(() -> CsvReader.read(dir.resolve("nope.csv")), "nope.csv", "not found");
    }

    @Test
    void directory() {
        assertInputError(() -> CsvReader.read(dir), "directory");
    }

    @Test
    void unreadableFile() throws Exception {
        Path p = write(dir, "locked.csv", "a\n1\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(p), "running as root: permissions are not enforced");
        assertInputError(() -> CsvReader.read(p), "locked.csv", "not readable");
    }

    @Test
    void emptyFile() {
        assertInputError(() -> CsvReader.read(write(dir, "e.csv", "")), "e.csv", "empty");
        assertInputError(() -> CsvReader.read(write(dir, "e2.csv", "\n\n  \n")), "e2.csv", "empty");
        assertInputError(() -> CsvReader.read(write(dir, "e3.csv.gz", gzip(""))), "e3.csv.gz", "empty");
    }

    @Test
    void headerOnly() {
        assertInputError(() -> CsvReader.read(write(dir, "h.csv", "a,b\n")), "h.csv", "no data rows");
        assertInputError(() -> CsvReader.stream(write(dir, "h2.csv", "a,b\n"), new String[] {"a", "b"}, 4,
                (f, r, c) -> { }), "h2.csv", "no data rows");
    }

    @Test
    void raggedRowNamesRowAndCounts() {
        Path p = write(dir, "r.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");
        InputException e = assertInputError(() -> CsvReader.read(p), "r.csv", "row 3", "has 2 fields, header has 3");
        assertEquals(p + ": row 3 (line 4) has 2 fields, header has 3", e.getMessage());
        assertInputError(() -> CsvReader.read(write(dir, "r2.csv", "a,b\n1,2,3\n")), "row 1", "has 3 fields");
    }

    @Test
    void emptyOrDuplicateColumnNames() {
        assertInputError(() -> CsvReader.read(write(dir, "n.csv", "a,,c\n1,2,3\n")), "n.csv", "empty column name",
                "column 2");
        assertInputError(() -> CsvReader.read(write(dir, "d.csv", "a,b,a\n1,2,3\n")), "d.csv", "duplicate", "'a'");
    }

    @Test
    void invalidGzip() {
        byte[] good = gzip("a,b\n1,2\n3,4\n");
        byte[] truncated = Arrays.copyOf(good, good.length - 12);
        assertInputError(() -> CsvReader.read(write(dir, "t.csv.gz", truncated)), "t.csv.gz", "gzip");
        byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertInputError(() -> CsvReader.read(write(dir, "g.csv", garbage)), "g.csv", "gzip");
        byte[] badHeader = {0x1f, (byte) 0x8b, 99, 0};
        assertInputError(() -> CsvReader.read(write(dir, "b.csv", badHeader)), "b.csv", "gzip");
    }

    @Test
    void unterminatedQuoteIsAnInputError() {
        assertInputError(() -> CsvReader.read(write(dir, "u.csv", "a,b\n1,\"open\n2,3\n")), "u.csv", "malformed");
    }
}
