package dev.issosynth.testing;

import static dev.issosynth.io.TestFiles.listing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTablesTest {
    @TempDir
    Path dir;

    @Test
    void rowsGoInAsWrittenAndComeOutColumnMajor() {
        RawTable t = TestTables.columns("age", "city")
                .row("31", "Graz")
                .row("", "Linz")
                .row("NA", "")
                .build();
        assertArrayEquals(new String[] {"age", "city"}, t.header());
        assertEquals(3, t.rowCount());
        assertArrayEquals(new String[] {"31", "", "NA"}, t.column(0));
        assertArrayEquals(new String[] {"Graz", "Linz", ""}, t.column(1));
        assertEquals("Linz", t.cell(1, 1));
        assertEquals(List.of(List.of("31", "Graz"), List.of("", "Linz"), List.of("NA", "")), TestTables.rowsOf(t));
    }

    @Test
    void aTableWithoutRowsHasItsColumns() {
        RawTable t = TestTables.columns("a", "b").build();
        assertEquals(0, t.rowCount());
        assertEquals(2, t.columnCount());
        assertEquals(List.of(), TestTables.rowsOf(t));
    }

    @Test
    void eachBuildIsANewTableAndLaterRowsDoNotChangeAnEarlierOne() {
        TestTables.RowBuilder b = TestTables.columns("x").row("1");
        String[] cells = {"2"};
        b.row(cells);
        cells[0] = "changed";
        RawTable first = b.build();
        RawTable again = b.build();
        b.row("3");
        assertArrayEquals(new String[] {"1", "2"}, first.column(0), "cells are copied when added");
        assertArrayEquals(new String[] {"1", "2"}, again.column(0));
        assertTrue(first.column(0) != again.column(0), "no shared arrays");
        assertArrayEquals(new String[] {"1", "2", "3"}, b.build().column(0));
    }

    @Test
    void badShapesFailAtOnceWithTheRowAndColumns() {
        TestTables.RowBuilder b = TestTables.columns("a", "b").row("1", "2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.row("3"));
        assertEquals("row 1 has 1 cells [3], the table has 2 columns [a, b]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.row("3", null));
        assertEquals("row 1: null cell in column b", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestTables.columns());
        e = assertThrows(IllegalArgumentException.class, () -> TestTables.columns("a", "b", "a"));
        assertEquals("duplicate column name: a", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestTables.rows(2).column("a", i -> "x").column("a",
                i -> "y"));
        assertThrows(IllegalArgumentException.class, () -> TestTables.rows(2).column("a", i -> i == 1 ? null : "x"));
        assertThrows(IllegalArgumentException.class, () -> TestTables.rows(2).build(), "no columns");
        assertThrows(IllegalArgumentException.class, () -> TestTables.rows(-1));
    }

    @Test
    void generatedRowsAreComputedOnceEachInRowOrder() {
        List<Integer> calls = new ArrayList<>();
        RawTable t = TestTables.columns("i", "square")
                .row("first", "-")
                .rows(3, i -> {
                    calls.add(i);
                    return new String[] {"r" + i, String.valueOf(i * i)};
                })
                .build();
        assertEquals(List.of(0, 1, 2), calls);
        assertEquals(List.of(List.of("first", "-"), List.of("r0", "0"), List.of("r1", "1"), List.of("r2", "4")),
                TestTables.rowsOf(t));
    }

    @Test
    void generatedColumnsAreComputedFromTheRowIndexColumnAfterColumn() {
        List<String> calls = new ArrayList<>();
        RawTable t = TestTables.rows(4)
                .column("n", i -> {
                    calls.add("n" + i);
                    return String.valueOf(10 + i);
                })
                .column("parity", i -> {
                    calls.add("p" + i);
                    return i % 2 == 0 ? "even" : "odd";
                })
                .build();
        assertEquals(List.of("n0", "n1", "n2", "n3", "p0", "p1", "p2", "p3"), calls);
        assertArrayEquals(new String[] {"n", "parity"}, t.header());
        assertArrayEquals(new String[] {"10", "11", "12", "13"}, t.column(0));
        assertArrayEquals(new String[] {"even", "odd", "even", "odd"}, t.column(1));
        assertEquals(0, TestTables.rows(0).column("a", i -> "x").build().rowCount());
    }

    @Test
    void writeCsvQuotesOnlyWhereCsvNeedsIt() throws IOException {
        Path p = TestTables.columns("id", "place, town", "note")
                .row("1", "Bay Terrace, Staten Island", "say \"hi\"")
                .row("", " Private", "two\nlines")
                .row("3", "#x", "")
                .writeCsv(dir, "t.csv");
        assertEquals(dir.resolve("t.csv"), p);
        assertEquals("id,\"place, town\",note\n"
                + "1,\"Bay Terrace, Staten Island\",\"say \"\"hi\"\"\"\n"
                + "\"\", Private,\"two\nlines\"\n" // the empty first cell is quoted, the leading space is not
                + "3,#x,\n", Files.readString(p, StandardCharsets.UTF_8));
        RawTable back = CsvReader.read(p);
        assertArrayEquals(new String[] {"id", "place, town", "note"}, back.header());
        assertEquals(List.of(List.of("1", "Bay Terrace, Staten Island", "say \"hi\""),
                List.of("", " Private", "two\nlines"), List.of("3", "#x", "")), TestTables.rowsOf(back));
    }

    @Test
    void writeCsvGzipsByNameCreatesFoldersAndReplacesAFile() throws IOException {
        Path gz = TestTables.rows(2).column("v", i -> "v" + i).writeCsv(dir.resolve("a/b"), "t.csv.gz");
        byte[] bytes = Files.readAllBytes(gz);
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            assertEquals("v\nv0\nv1\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path plain = TestTables.writeCsv(TestTables.columns("a").row("1").build(), dir, "p.csv");
        TestTables.columns("b").row("2").writeCsv(dir, "p.csv");
        assertEquals("b\n2\n", Files.readString(plain));
        assertEquals(List.of("a", "p.csv"), listing(dir), "no temp files left");
    }

    @Test
    void fixtureIsTheCommittedFileReadByTheTool() {
        RawTable t = TestTables.fixture("titanic.csv");
        assertEquals(1309, t.rowCount());
        assertArrayEquals(new String[] {"survived", "pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"},
                t.header());
        assertEquals(List.of("1", "1", "female", "29", "0", "0", "211", "S"), TestTables.rowsOf(t).get(0));
        assertEquals(List.of("0", "3", "male", "29", "0", "0", "8", "S"), TestTables.rowsOf(t).get(1308));
        assertEquals(Path.of("src/test/resources/fixtures/census_2000.csv.gz"),
                TestTables.fixturePath("census_2000.csv.gz"));
        AssertionError e = assertThrows(AssertionError.class, () -> TestTables.fixture("nope.csv"));
        assertEquals("fixture missing: src/test/resources/fixtures/nope.csv", e.getMessage());
    }

    @Test
    void everyNthRowStartsAtTheOffset() {
        RawTable t = TestTables.rows(7).column("r", String::valueOf).build();
        assertArrayEquals(new String[] {"0", "2", "4", "6"}, TestTables.everyNthRow(t, 2, 0).column(0));
        assertArrayEquals(new String[] {"1", "3", "5"}, TestTables.everyNthRow(t, 2, 1).column(0));
        assertArrayEquals(new String[] {"2", "5"}, TestTables.everyNthRow(t, 3, 2).column(0));
        assertArrayEquals(new String[] {"0", "1", "2", "3", "4", "5", "6"}, TestTables.everyNthRow(t, 1, 0).column(0));
        assertArrayEquals(new String[] {"6"}, TestTables.everyNthRow(t, 9, 6).column(0));
        assertArrayEquals(new String[] {}, TestTables.everyNthRow(t, 9, 7).column(0), "offset past the last row");
        assertThrows(IllegalArgumentException.class, () -> TestTables.everyNthRow(t, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TestTables.everyNthRow(t, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TestTables.everyNthRow(t, 2, -1));
    }
}
