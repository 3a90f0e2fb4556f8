package dev.issosynth.io;

import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small real-data cuts under src/test/resources/fixtures. */
class CsvFixturesTest {
    @Test
    void titanic() {
        RawTable t = CsvReader.read(fixturePath("titanic.csv"));
        assertEquals(1309, t.rowCount());
        assertArrayEquals(new String[] {"survived", "pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"},
                t.header());
        assertEquals(263, Arrays.stream(t.column(3)).filter(String::isEmpty).count(), "age missing");
    }

    @Test
    void multiMemberGzipFixtureEqualsPlainFile() {
        RawTable plain = CsvReader.read(fixturePath("titanic.csv"));
        RawTable gz = CsvReader.read(fixturePath("titanic_2members.csv.gz"));
        assertEquals(1309, gz.rowCount());
        for (int c = 0; c < plain.columnCount(); c++) {
            assertArrayEquals(plain.column(c), gz.column(c));
        }
    }

    @Test
    void airbnbQuotedCommas() {
        RawTable t = CsvReader.read(fixturePath("airbnb_2000.csv"));
        assertEquals(2000, t.rowCount());
        assertEquals(11, t.columnCount());
        int hood = t.columnIndex("neighbourhood");
        assertEquals("Bay Terrace, Staten Island", t.cell(hood, 1998));
        assertEquals("Bay Terrace, Staten Island", t.cell(hood, 1999));
        assertEquals("2019-05-21", t.cell(t.columnIndex("last_review"), 1998));
    }

    @Test
    void censusAndCreditcardStream() {
        String[] header = CsvReader.readHeader(fixturePath("census_2000.csv.gz"));
        assertEquals(15, header.length);
        AtomicLong question = new AtomicLong();
        long rows = CsvReader.stream(fixturePath("census_2000.csv.gz"), header, 300, (first, chunk, count) -> {
            for (int i = 0; i < count; i++) {
                for (String cell : chunk[i]) {
                    if (cell.equals("?")) {
                        question.incrementAndGet();
                    }
                }
            }
        });
        assertEquals(2000, rows);
        assertTrue(question.get() > 0);
        RawTable cc = CsvReader.read(fixturePath("creditcard_1000.csv.gz"));
        assertEquals(1000, cc.rowCount());
        assertEquals(24, cc.columnCount());
        assertTrue(Arrays.asList(cc.column(cc.columnIndex("limit_bal"))).contains("1e+05"));
    }
}
