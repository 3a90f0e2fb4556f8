package dev.issosynth.schema;

import static dev.issosynth.schema.ColumnType.CATEGORICAL;
import static dev.issosynth.schema.ColumnType.DATETIME;
import static dev.issosynth.schema.ColumnType.NUMERIC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeInferenceTest {
    private static final MissingValues NA = MissingValues.defaults();

    private static ColumnType infer(String... values) {
        return TypeInference.infer(values, NA);
    }

    @Test
    void numeric() {
        assertEquals(NUMERIC, infer("1", "2", "3"));
        assertEquals(NUMERIC, infer("20000", "1e+05", "-3.5E-2", "+4", ""), "scientific notation in an int column");
        assertEquals(NUMERIC, infer("5", "5", "5"), "constant");
        assertEquals(NUMERIC, infer("1.5", "NA", "nan", ""));
    }

    @Test
    void booleansAreNumericOnlyWithoutMissing() {
        assertEquals(NUMERIC, infer("True", "False", "True"));
        assertEquals(CATEGORICAL, infer("True", "False", ""), "pandas keeps bool+NA as object");
        assertEquals(CATEGORICAL, infer("True", "0"));
    }

    @Test
    void datetime() {
        assertEquals(DATETIME, infer("2019-05-21", "", "2011-03-28"));
        assertEquals(DATETIME, infer("2019-05-21 10:00:00", "2019-05-21T11:30", "2019-05-22"));
        assertEquals(CATEGORICAL, infer("2019-05-21", "yesterday"));
    }

    @Test
    void categorical() {
        assertEquals(CATEGORICAL, infer("Private", "Self-emp", "?"));
        assertEquals(CATEGORICAL, infer("inf", "1"));
        assertEquals(CATEGORICAL, infer("1,000", "2,000"));
        assertEquals(CATEGORICAL, infer("0x1F", "0x20"));
    }

    @Test
    void idsThatLookNumericInSomeRowsOnly() {
        assertEquals(CATEGORICAL, infer("704616e4", "12345678", "a1b2c3d4", "00ff00ff"));
    }

    @Test
    void allMissingIsCategorical() {
        assertEquals(CATEGORICAL, infer("", "NA", " "));
        assertEquals(CATEGORICAL, infer());
    }

    @Test
    void extraNaTokensChangeTheType() {
        assertEquals(CATEGORICAL, infer("39", "?", "50"));
        assertEquals(NUMERIC, TypeInference.infer(new String[] {"39", "?", "50"},
                MissingValues.defaults().withExtra(List.of("?"))));
    }
}
