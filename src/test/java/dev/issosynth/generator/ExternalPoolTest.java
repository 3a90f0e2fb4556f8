package dev.issosynth.generator;

import dev.issosynth.schema.TrainingTable;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.issosynth.testing.TestTables.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalPoolTest {
    @TempDir
    Path dir;

    private static RawTable train() {
        return columns("age", "price", "day", "at", "flag", "job")
                .row("39", "1.5", "2020-01-31", "2020-01-31 10:00:00", "True", "adm")
                .row("1e+05", "2.25", "2021-02-28", "2020-02-01 11:30:00", "False", "?")
                .row("?", "?", "", "2020-02-01 11:30:00", "True", "tech")
                .build();
    }

    @Test
    void rewritesPandasStyleCellsIntoTheTrainingFormatsAndColumnOrder() throws Exception {
        Path raw = dir.resolve("raw.csv");
        // the outside model wrote the columns in another order, integers as floats, dates as date-times
        Files.write(raw, List.of(
                "job,flag,at,day,price,age",
                "sales,False,2020-03-01T08:15:00,2020-05-06 00:00:00,3.14159,41.0",
                ",True,,,,",
                "_RARE_,True,2020-03-01 08:15:00,2020-05-06,100000.0,1.0e2"));
        Path out = dir.resolve("pool.csv");
        MissingValues na = MissingValues.defaults().withExtra(Set.of("?"));
        long rows = ExternalPool.normalise(TrainingTable.of(train(), na), raw, PoolOutput.to(out));

        assertEquals(3, rows);
        assertEquals(List.of(
                "age,price,day,at,flag,job",
                "41,3.14,2020-05-06,2020-03-01 08:15:00,False,sales",
                // missing cells take the token the training column uses most ("?" for age, "" for day, none for at)
                "?,?,,,True,?",
                "100,100000,2020-05-06,2020-03-01 08:15:00,True,_RARE_"), Files.readAllLines(out));
    }

    @Test
    void isoDatesComeBackInTheDeclaredFormatAndMissingCellsAsTheColumnsOwnToken() throws Exception {
        RawTable t = columns("visit", "score", "level")
                .row("31/01/2020", "-1", "-1")
                .row("01/02/2020", "-1", "5")
                .row("", "4", "4")
                .build();
        TrainingTable train = TrainingTable.of(t, MissingValues.defaults(), dev.issosynth.schema.ColumnRules.auto()
                .withFormats(java.util.Map.of("visit", dev.issosynth.schema.DateFormat.of("dd/MM/yyyy")))
                .withMissing(java.util.Map.of("score", List.of("-1"))));
        Path raw = dir.resolve("raw.csv");
        // as an outside model writes them: ISO dates (pandas may add a midnight time), missing cells empty
        Files.write(raw, List.of("level,score,visit", "3,,2020-05-06", ",2.0,2020-05-07 00:00:00", "-1,1,",
                "2,3,07/05/2020"));
        Path out = dir.resolve("pool.csv");
        ExternalPool.normalise(train, raw, PoolOutput.to(out));
        // level has no missing cell in training: its empty cell stays empty (a row's empty first cell is quoted)
        assertEquals(List.of("visit,score,level", "06/05/2020,-1,3", "07/05/2020,2,", "\"\",1,-1", "07/05/2020,3,2"),
                Files.readAllLines(out));
    }

    @Test
    void roundsToTheTrainingDecimalsHalfEven() {
        var format = ExternalPool.formatOf(new String[] {"0.5", "1.25"}, MissingValues.defaults());
        assertEquals("1.12", format.apply("1.125"));
        assertEquals("1.14", format.apply("1.135"));
        assertEquals("2", format.apply("2.0001"));
        assertEquals("-0.5", format.apply("-0.50"));
        assertEquals("abc", format.apply("abc"), "an unparsable cell passes unchanged");
    }

    @Test
    void aPoolWithOtherColumnsFailsAndWritesNothing() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Files.write(raw, List.of("age,price,day,at,flag,other", "1,2,2020-01-01,2020-01-01 00:00:00,True,x"));
        Path out = dir.resolve("pool.csv");
        InputException e = assertThrows(InputException.class,
                () -> ExternalPool.normalise(TrainingTable.of(train(), MissingValues.defaults()), raw, PoolOutput.to(out)));
        assertTrue(e.getMessage().contains("job"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
