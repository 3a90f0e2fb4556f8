package dev.issosynth.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The column file in both shapes, and what a training table does with the kinds it declares. */
class ColumnFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MissingValues NA = MissingValues.defaults();

    @TempDir
    Path dir;

    private static Map<String, ColumnKind> parse(String json) throws Exception {
        return ColumnFile.parse(JSON.readTree(json), "c.json").kinds();
    }

    private static String error(String json) {
        return assertThrows(InputException.class, () -> parse(json)).getMessage();
    }

    @Test
    void ourShapeRoundTrips() throws Exception {
        String text = ColumnFile.write(List.of("zip", "id", "note"),
                List.of(ColumnKind.CATEGORICAL, ColumnKind.KEY, ColumnKind.IGNORE), null);
        assertEquals(Map.of("zip", ColumnKind.CATEGORICAL, "id", ColumnKind.KEY, "note", ColumnKind.IGNORE),
                parse(text));
        assertEquals(List.of("zip", "id", "note"), List.copyOf(parse(text).keySet()), "file order kept");
    }

    @Test
    void aMostlyGeneratorConfigurationWorksAsItIs() throws Exception {
        String config = """
                {"name": "g", "tables": [{"name": "customers", "primary_key": "cid", "columns": [
                  {"name": "zip", "model_encoding_type": "TABULAR_CATEGORICAL"},
                  {"name": "income", "model_encoding_type": "TABULAR_NUMERIC_DIGIT"},
                  {"name": "born", "model_encoding_type": "TABULAR_DATETIME"},
                  {"name": "plate", "model_encoding_type": "TABULAR_CHARACTER"},
                  {"name": "anything", "model_encoding_type": "AUTO"}]}]}""";
        assertEquals(Map.of("zip", ColumnKind.CATEGORICAL, "income", ColumnKind.NUMERIC, "born", ColumnKind.DATETIME,
                "plate", ColumnKind.CHARACTER, "cid", ColumnKind.KEY), parse(config));
        assertEquals(Map.of("zip", ColumnKind.NUMERIC),
                parse("[{\"name\": \"zip\", \"model_encoding_type\": \"TABULAR_NUMERIC_AUTO\"}]"), "a bare list");
        assertEquals(Map.of("zip", ColumnKind.DATE), parse("{\"columns\": [{\"name\": \"zip\", \"type\": \"date\","
                + " \"model_encoding_type\": \"TABULAR_CATEGORICAL\"}]}"), "type wins over the encoding");
    }

    @Test
    void yamlReadsAsJsonDoes() throws Exception {
        Path yaml = Files.writeString(dir.resolve("columns.yaml"), """
                # a MOSTLY AI generator configuration in YAML
                tables:
                  - name: customers
                    primary_key: cid
                    columns:
                      - name: zip
                        model_encoding_type: TABULAR_CATEGORICAL
                      - name: plate
                        model_encoding_type: TABULAR_CHARACTER
                """);
        assertEquals(Map.of("zip", ColumnKind.CATEGORICAL, "plate", ColumnKind.CHARACTER, "cid", ColumnKind.KEY),
                ColumnFile.read(yaml).kinds());
        Path ours = Files.writeString(dir.resolve("c.yml"), "columns:\n  - {name: age, type: integer}\n");
        assertEquals(Map.of("age", ColumnKind.INTEGER), ColumnFile.read(ours).kinds());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "columns: [\n");
        assertTrue(assertThrows(InputException.class, () -> ColumnFile.read(bad)).getMessage()
                .startsWith(bad + ": not a YAML column file"));
    }

    @Test
    void whatItCannotUseIsNamed() throws Exception {
        assertTrue(error("{\"columns\": [{\"name\": \"a\", \"type\": \"text\"}]}")
                .contains("column a: unknown type 'text' (one of categorical, numeric, integer, datetime, date, character,"
                        + " lat_long, latitude, longitude,"
                        + " key, ignore)"));
        assertTrue(error("{\"columns\": [{\"name\": \"a\", \"type\": \"categorical\", \"model_encoding_type\":"
                + " \"TABULAR_NUMERIC_DIGIT\"}]}").contains("column a: TABULAR_NUMERIC_DIGIT is for numeric columns, not"
                + " categorical"));
        assertTrue(error("{\"columns\": [{\"name\": \"a\", \"model_encoding_type\": \"TABULAR_WHATEVER\"}]}")
                .contains("unknown model_encoding_type 'TABULAR_WHATEVER'"));
        assertTrue(error("{\"columns\": [{\"type\": \"key\"}]}").contains("without a \"name\""));
        assertTrue(error("{\"columns\": [{\"name\": \"a\", \"type\": \"key\"}, {\"name\": \"a\", \"type\": \"key\"}]}")
                .contains("column a is listed twice"));
        assertTrue(error("{\"cols\": []}").contains("needs a \"columns\" list"));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"columns\": [");
        assertTrue(assertThrows(InputException.class, () -> ColumnFile.read(bad)).getMessage()
                .startsWith(bad + ": not a JSON column file"));
    }

    @Test
    void formatsAndMissingTokensRoundTripThroughTheFile() throws Exception {
        String text = ColumnFile.write(List.of("born", "visit", "score", "city"),
                List.of(ColumnKind.DATE, ColumnKind.DATETIME, ColumnKind.INTEGER, ColumnKind.CATEGORICAL),
                java.util.Arrays.asList(DateFormat.of("dd/MM/yyyy"), DateFormat.of("%d %b %Y %H:%M"), null,
                        DateFormat.ISO),
                java.util.Arrays.asList(List.of("00/00/0000"), null, List.of("-1", "unknown"), List.of()),
                null);
        ColumnRules read = ColumnFile.parse(JSON.readTree(text), "c.json");
        assertEquals(new ColumnRules(KeyRule.auto(),
                Map.of("born", ColumnKind.DATE, "visit", ColumnKind.DATETIME, "score", ColumnKind.INTEGER,
                        "city", ColumnKind.CATEGORICAL),
                Map.of("born", DateFormat.of("dd/MM/yyyy"), "visit", DateFormat.of("%d %b %Y %H:%M")),
                Map.of("born", List.of("00/00/0000"), "score", List.of("-1", "unknown"))), read);
        assertEquals(text, ColumnFile.write(List.of("born", "visit", "score", "city"),
                List.of(ColumnKind.DATE, ColumnKind.DATETIME, ColumnKind.INTEGER, ColumnKind.CATEGORICAL),
                List.of(read.formatOf("born"), read.formatOf("visit"), read.formatOf("score"), read.formatOf("city")),
                List.of(read.missing().get("born"), List.of(), read.missing().get("score"), List.of()), null),
                "written again: the same file");
        com.fasterxml.jackson.databind.JsonNode city = JSON.readTree(text).get("columns").get(3);
        List<String> fields = new java.util.ArrayList<>();
        city.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("name", "type"), fields, "an ISO format and no tokens are not written");
    }

    @Test
    void oneMissingTextAFormatWithoutATypeAndUnknownFieldsAreAccepted() throws Exception {
        ColumnRules r = ColumnFile.parse(JSON.readTree("""
                {"columns": [{"name": "score", "missing": "-1", "unit": "points", "min": 0},
                             {"name": "born", "format": "%d/%m/%Y", "comment": {"any": ["thing"]}},
                             {"name": "zip", "type": "categorical", "missing": [0, "n.a."]}]}"""), "c.json");
        assertEquals(Map.of("born", ColumnKind.DATETIME, "zip", ColumnKind.CATEGORICAL), r.kinds(),
                "a format makes a datetime; missing tokens alone leave the type to inference");
        assertEquals(Map.of("score", List.of("-1"), "zip", List.of("0", "n.a.")), r.missing());
        assertEquals(DateFormat.of("%d/%m/%Y"), r.formatOf("born"));
        assertEquals(DateFormat.ISO, r.formatOf("score"));
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "columns:\n  - {name: score, missing: -1}\n"
                + "  - name: born\n    type: date\n    format: dd.MM.yyyy\n");
        ColumnRules y = ColumnFile.read(yaml);
        assertEquals(Map.of("score", List.of("-1")), y.missing());
        assertEquals(DateFormat.of("dd.MM.yyyy"), y.formatOf("born"));
        assertEquals(ColumnKind.DATE, y.kindOf("born"));
    }

    @Test
    void aBadFormatOrMissingFieldIsAOneLineErrorNamingTheColumn() {
        String bad = error("{\"columns\": [{\"name\": \"born\", \"type\": \"date\", \"format\": \"dd/MM/yyyy{\"}]}");
        assertTrue(bad.startsWith("c.json: column born: bad date format 'dd/MM/yyyy{'"), bad);
        assertFalse(bad.contains("\n"), bad);
        assertEquals("c.json: column born: bad date format '%d/%q/%Y': strftime directive %q is not supported"
                + " (%Y %y %m %d %H %I %M %S %f %p %b %B %%)",
                error("{\"columns\": [{\"name\": \"born\", \"format\": \"%d/%q/%Y\"}]}"));
        assertEquals("c.json: column age: a \"format\" is for datetime and date columns, not integer",
                error("{\"columns\": [{\"name\": \"age\", \"type\": \"integer\", \"format\": \"dd/MM/yyyy\"}]}"));
        assertTrue(error("{\"columns\": [{\"name\": \"age\", \"missing\": {\"a\": 1}}]}")
                .startsWith("c.json: column age: \"missing\" takes texts"));
        assertTrue(error("{\"columns\": [{\"name\": \"a\", \"missing\": \"x\"}, {\"name\": \"a\", \"type\": \"key\"}]}")
                .contains("column a is listed twice"));
    }

    private static RawTable table() {
        String[][] cols = new String[4][30];
        for (int i = 0; i < 30; i++) {
            cols[0][i] = String.format("%05d", 1000 + i % 4); // zip codes with leading zeros
            cols[1][i] = "n" + i;                              // ids
            cols[2][i] = Integer.toString(20 + i % 9);
            cols[3][i] = "free text " + i;
        }
        return new RawTable(new String[] {"zip", "id", "age", "comment"}, cols);
    }

    @Test
    void theTableUsesTheDeclaredKinds() {
        RawTable t = table();
        TrainingTable inferred = TrainingTable.of(t, NA);
        assertEquals(ColumnType.NUMERIC, inferred.columnType(0), "zip looks numeric");
        assertEquals(List.of("id"), inferred.keys().names());
        ColumnRules rules = ColumnRules.auto().withKinds(Map.of("zip", ColumnKind.CATEGORICAL,
                "comment", ColumnKind.IGNORE));
        TrainingTable declared = TrainingTable.of(t, NA, rules);
        assertArrayEquals(new String[] {"zip", "age"}, declared.header());
        assertArrayEquals(new String[] {"zip", "id", "age"}, declared.full().header(), "ignored: gone everywhere");
        assertEquals(ColumnType.CATEGORICAL, declared.columnType(0));
        assertEquals(ColumnType.CATEGORICAL, declared.schema().type(0));
        assertEquals(java.util.Set.of("id", "comment"), declared.skippedColumns());
        assertArrayEquals(new String[] {"age", "zip"}, declared.modelledPart(new RawTable(
                new String[] {"comment", "age", "id", "zip"}, new String[][] {{"x"}, {"1"}, {"n0"}, {"00001"}}))
                .header());
        TrainingTable idAsData = TrainingTable.of(t, NA, ColumnRules.auto().withKinds(
                Map.of("id", ColumnKind.CATEGORICAL)));
        assertTrue(idAsData.keys().isEmpty(), "a declared type stops key detection for that column");
    }

    @Test
    void aDeclarationTheDataContradictsIsRefused() {
        RawTable t = table();
        String numeric = assertThrows(InputException.class, () -> TrainingTable.of(t, NA,
                ColumnRules.auto().withKinds(Map.of("comment", ColumnKind.NUMERIC)))).getMessage();
        assertEquals("table: column comment is declared numeric in --columns, but row 1 holds 'free text 0'; declare it"
                + " categorical, or mark such cells missing with --na-values", numeric);
        assertTrue(assertThrows(InputException.class, () -> TrainingTable.of(t, NA,
                ColumnRules.auto().withKinds(Map.of("age", ColumnKind.DATE)))).getMessage()
                .contains("declared datetime in --columns, but row 1 holds '20' (ISO dates and date-times only)"));
        assertTrue(assertThrows(InputException.class, () -> TrainingTable.of(t, NA,
                ColumnRules.auto().withKinds(Map.of("city", ColumnKind.CATEGORICAL)))).getMessage()
                .contains("--columns names columns the table does not have: city"));
    }
}
