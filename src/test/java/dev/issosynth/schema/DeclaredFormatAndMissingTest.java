package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.ParquetOutput;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.TableFiles;
import dev.issosynth.quality.EmbeddingEncoder;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A column file's date format and per-column missing tokens reach every stage that reads the table: typing, binning,
 * key detection, the privacy embedding and Parquet nulls.
 */
class DeclaredFormatAndMissingTest {
    private static final MissingValues NA = MissingValues.defaults();
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @TempDir
    Path dir;

    /** 20 dates nine days apart from 2020-01-01, each twice (no key), written ISO or day first, and a number. */
    private static RawTable dates(boolean dayFirst) {
        String[][] cols = new String[2][40];
        for (int i = 0; i < 40; i++) {
            LocalDate d = LocalDate.of(2020, 1, 1).plusDays(9L * (i / 2));
            cols[0][i] = dayFirst ? DAY_FIRST.format(d) : d.toString();
            cols[1][i] = Integer.toString(i % 7);
        }
        return new RawTable(new String[] {"d", "x"}, cols);
    }

    private static ColumnRules dayFirst(String column) {
        return ColumnRules.auto().withFormats(Map.of(column, DateFormat.of("dd/MM/yyyy")));
    }

    @Test
    void aDayFirstColumnIsADatetimeBinnedAsTheSameDatesInIso() {
        TrainingTable iso = TrainingTable.of(dates(false), NA);
        TrainingTable plain = TrainingTable.of(dates(true), NA);
        TrainingTable declared = TrainingTable.of(dates(true), NA, dayFirst("d"));
        assertEquals(ColumnType.DATETIME, iso.columnType(0));
        assertEquals(ColumnType.CATEGORICAL, plain.columnType(0), "without the format: text");
        assertEquals(ColumnType.DATETIME, declared.columnType(0));
        assertEquals(ColumnKind.DATETIME, declared.rules().kindOf("d"), "a format alone declares a datetime");
        assertEquals(DateFormat.of("dd/MM/yyyy"), declared.dateFormat(0));
        assertSame(DateFormat.ISO, declared.dateFormat(1));
        DatetimeBinning isoBins = (DatetimeBinning) iso.schema().binning(0);
        DatetimeBinning declaredBins = (DatetimeBinning) declared.schema().binning(0);
        assertEquals(11, isoBins.binCount(), "10 intervals and (n/a)");
        assertArrayEquals(isoBins.breaks(), declaredBins.breaks());
        assertArrayEquals(iso.codes().column(0), declared.codes().column(0), "the same bin codes");
        // a pool in the user's format bins like the same pool in ISO; a cell in neither is (n/a)
        RawTable isoPool = new RawTable(new String[] {"d", "x"},
                new String[][] {{"2019-05-01", "2020-06-15", "2021-02-28", "", "2020-06-15"}, {"1", "2", "3", "4", "5"}});
        RawTable dayFirstPool = new RawTable(new String[] {"d", "x"},
                new String[][] {{"01/05/2019", "15/06/2020", "28/02/2021", "", "2020-06-15"}, {"1", "2", "3", "4", "5"}});
        byte[] expected = iso.encode(isoPool, "pool").column(0).clone();
        expected[4] = (byte) isoBins.naCode();
        assertArrayEquals(expected, declared.encode(dayFirstPool, "pool").column(0));
        assertNotEquals(isoBins.naCode(), expected[1]);
    }

    @Test
    void aCellNotInTheFormatStopsTheRunNamingColumnRowAndValue() {
        RawTable t = dates(true);
        t.column(0)[6] = "2020-01-05";
        InputException e = assertThrows(InputException.class, () -> TrainingTable.of(t, NA, dayFirst("d")));
        assertEquals("table: column d is declared datetime in --columns, but row 7 holds '2020-01-05' (format"
                + " dd/MM/yyyy); declare it categorical, or mark such cells missing with --na-values", e.getMessage());
        t.column(0)[6] = "";
        TrainingTable.of(t, NA, dayFirst("d")); // a missing cell is no contradiction
        InputException kind = assertThrows(InputException.class, () -> TrainingTable.of(dates(true), NA,
                dayFirst("d").withKinds(Map.of("d", ColumnKind.CATEGORICAL))));
        assertEquals("table: column d has a date format in --columns but is declared categorical; a format is for"
                + " datetime and date columns", kind.getMessage());
    }

    /** a and b: the same numbers, -1 among them; c: numbers and "unknown". */
    private static RawTable scores() {
        String[][] cols = new String[3][30];
        for (int i = 0; i < 30; i++) {
            cols[0][i] = i % 5 == 0 ? "-1" : Integer.toString(i % 4);
            cols[1][i] = cols[0][i];
            cols[2][i] = i % 6 == 0 ? "unknown" : Integer.toString(10 + i);
        }
        return new RawTable(new String[] {"a", "b", "c"}, cols);
    }

    @Test
    void aColumnsOwnTokensAreMissingThereOnly() {
        ColumnRules rules = ColumnRules.auto().withMissing(Map.of("a", List.of("-1"), "c", List.of("unknown")));
        TrainingTable t = TrainingTable.of(scores(), NA, rules);
        assertTrue(t.na(0).isMissing("-1"));
        assertFalse(t.na(1).isMissing("-1"));
        assertFalse(t.na().isMissing("-1"), "the table's rule is unchanged");
        assertSame(NA, t.na(1), "a column without tokens shares the table's rule");
        assertEquals(ColumnType.NUMERIC, t.columnType(2), "unknown is missing: c is numeric");
        assertEquals(ColumnType.CATEGORICAL, TrainingTable.of(scores(), NA).columnType(2));

        Schema s = t.schema();
        ColumnBinning a = s.binning(0);
        ColumnBinning b = s.binning(1);
        // a: 0..3 (4 bins) and (n/a); b: -1 and 0..3 (5 bins) and (n/a)
        assertEquals(5, a.binCount());
        assertEquals(6, b.binCount());
        assertEquals(a.naCode(), a.code("-1"));
        assertEquals("-1", b.label(b.code("-1")));
        int naInA = 0;
        int naInB = 0;
        for (int r = 0; r < 30; r++) {
            naInA += t.codes().column(0)[r] == a.naCode() ? 1 : 0;
            naInB += t.codes().column(1)[r] == b.naCode() ? 1 : 0;
        }
        assertEquals(6, naInA, "rows 0, 5, ..., 25 are missing in a");
        assertEquals(0, naInB);

        // the privacy embedding sees a's -1 as missing (an N/A dimension), b's as a value
        EmbeddingEncoder enc = new EmbeddingEncoder(s, t.raw(), t.raw(), new SplittableRandom(1), null);
        assertTrue(enc.dimNames().contains("a - N/A"), enc.dimNames().toString());
        assertFalse(enc.dimNames().contains("b - N/A"), enc.dimNames().toString());
    }

    @Test
    void keyDetectionCountsAColumnsOwnTokensAsMissing() {
        String[][] cols = new String[2][30];
        for (int i = 0; i < 30; i++) {
            cols[0][i] = i == 7 ? "-1" : Integer.toString(1000 + i);
            cols[1][i] = "v" + i % 3;
        }
        RawTable t = new RawTable(new String[] {"id", "v"}, cols);
        assertEquals(List.of("id"), TrainingTable.of(t, NA).keys().names(), "distinct whole numbers named id");
        TrainingTable own = TrainingTable.of(t, NA, ColumnRules.auto().withMissing(Map.of("id", List.of("-1"))));
        assertTrue(own.keys().isEmpty(), "a key has no missing value, and -1 is one in id");
        TrainingTable other = TrainingTable.of(t, NA, ColumnRules.auto().withMissing(Map.of("v", List.of("-1"))));
        assertEquals(List.of("id"), other.keys().names(), "another column's token changes nothing in id");
    }

    @Test
    void parquetNullsFollowEachColumnsTokensAndAFormattedDateStaysText() {
        RawTable scores = scores();
        String[][] cols = {scores.column(0), scores.column(1), new String[30]};
        for (int i = 0; i < 30; i++) {
            cols[2][i] = DAY_FIRST.format(LocalDate.of(2021, 3, 1).plusDays(i));
        }
        RawTable table = new RawTable(new String[] {"a", "b", "d"}, cols);
        TrainingTable t = TrainingTable.of(table, NA, dayFirst("d").withMissing(Map.of("a", List.of("-1"))));
        Path out = dir.resolve("t.parquet");
        ParquetOutput.write(table, out, null, name -> t.na(name)::isMissing);
        var schema = ParquetOutput.schemaOf(out);
        assertEquals(PrimitiveTypeName.BINARY, schema.getType("d").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("d").getLogicalTypeAnnotation());
        RawTable back = TableFiles.read(out);
        for (int r = 0; r < 30; r++) {
            String expectedA = table.cell(0, r).equals("-1") ? "" : table.cell(0, r);
            assertEquals(expectedA, back.cell(0, r), "a's -1 is a null");
            assertEquals(table.cell(1, r), back.cell(1, r), "b's -1 is a number");
            assertEquals(table.cell(2, r), back.cell(2, r), "dates as written");
        }
    }
}
