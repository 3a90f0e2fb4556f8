package dev.issosynth.cli;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.issosynth.cli.Cli.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inspect writes the column file, the user edits it, run follows it: ZIP codes keep their zeros, notes go. */
class ColumnsCliTest {
    @TempDir
    Path dir;

    private Path train() {
        String[] zips = {"01234", "02139", "94105", "10001"};
        return TestTables.columns("customer_id", "zip", "comment", "age")
                .rows(80, i -> new String[] {"C-" + (10_400 + 7 * i), zips[i % 4], "called on day " + i,
                    Integer.toString(20 + (i * 7) % 45)})
                .writeCsv(dir, "train.csv");
    }

    @Test
    void inspectTellsAndWritesTheFileRunFollows() throws Exception {
        Path train = train();
        Cli.Result shown = Cli.run("inspect", s(train));
        assertEquals(ExitCodes.OK, shown.code(), shown::toString);
        assertTrue(shown.out().contains("customer_id              key"), shown.out());
        assertTrue(shown.out().contains("leading zeros (e.g. 01234)"), shown.out());
        assertTrue(shown.out().contains("identifier-like"), shown.out());
        Path cols = dir.resolve("cols.json");
        assertEquals(ExitCodes.OK, Cli.run("inspect", s(train), "--json", s(cols), "-q").code());
        String edited = Files.readString(cols)
                .replace("\"type\" : \"integer\",\n    \"note\" : \"leading zeros", "\"type\" : \"categorical\",\n    \"note\" : \"leading zeros")
                .replace("\"name\" : \"comment\",\n    \"type\" : \"categorical\"", "\"name\" : \"comment\",\n    \"type\" : \"ignore\"");
        Files.writeString(cols, edited);
        assertTrue(Cli.run("inspect", s(train), "--columns", s(cols)).out().contains("zip                      categorical"));
        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "argn", "--max-epochs", "2", "--models", "1",
                "--columns", s(cols), "--workdir", s(dir), "--output", s(dir.resolve("out.csv")),
                "--refinement-iterations", "2");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable out = CsvReader.read(dir.resolve("out.csv"));
        assertArrayEquals(new String[] {"customer_id", "zip", "age"}, out.header(), "comment ignored, id kept");
        Set<String> zips = Set.of("01234", "02139", "94105", "10001");
        for (String z : out.column(1)) {
            assertTrue(zips.contains(z), "a categorical ZIP is one of the training ZIPs, zeros kept: " + z);
        }
        for (String id : out.column(0)) {
            assertTrue(id.matches("C-1\\d{4}"), id);
        }
        Cli.Result bad = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--columns", s(Files.writeString(dir.resolve("bad.json"), "{\"columns\": [{\"name\": \"zip\", \"type\": \"text\"}]}")));
        assertEquals(ExitCodes.FAILURE, bad.code(), bad::toString);
        assertEquals(List.of(), List.of(bad.err().split("\n")).stream().filter(l -> l.contains("Exception")).toList());
    }

    @Test
    void aCharacterColumnMakesNewCodesOfCommonCharactersInTheirPlaces() throws Exception {
        String letters = "ABCD";
        Path train = TestTables.columns("plate", "size")
                .rows(300, i -> new String[] {"" + letters.charAt(i % 4) + letters.charAt((i / 4) % 4) + "-"
                    + (i * 7) % 10 + (i * 3) % 10, i % 3 == 0 ? "small" : "large"})
                .writeCsv(dir, "plates.csv");
        Path cols = Files.writeString(dir.resolve("plates.json"),
                "{\"columns\": [{\"name\": \"plate\", \"model_encoding_type\": \"TABULAR_CHARACTER\"}]}");
        assertTrue(Cli.run("inspect", s(train), "--columns", s(cols)).out().contains("plate                    character"));
        Cli.Result r = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--max-epochs", "10",
                "--models", "1", "--rows", "400", "--columns", s(cols), "--output", s(dir.resolve("pool.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable pool = CsvReader.read(dir.resolve("pool.csv"));
        Set<String> seen = new java.util.HashSet<>(List.of(CsvReader.read(train).column(0)));
        int novel = 0;
        int whole = 0;
        for (String plate : pool.column(0)) {
            // a position the model leaves as padding drops out; every character comes from its own position
            assertTrue(plate.matches("[A-D]{0,2}-?\\d{0,2}"), "character by character, each in its place: " + plate);
            whole += plate.matches("[A-D]{2}-\\d{2}") ? 1 : 0;
            novel += seen.contains(plate) ? 0 : 1;
        }
        assertTrue(whole >= 0.9 * pool.rowCount(), whole + " of " + pool.rowCount() + " complete plates");
        assertTrue(novel > 0, "new combinations of common characters, not only training plates");
    }

    @Test
    void aLatitudeAndLongitudePairIsModelledAsOnePositionAndWrittenBackAsTwoColumns() throws Exception {
        // four districts, each with its own price level: positions must stay in their districts
        double[][] centre = {{40.70, -74.00}, {40.75, -73.95}, {40.80, -73.90}, {40.65, -73.80}};
        Path train = TestTables.columns("latitude", "price", "longitude")
                .rows(400, i -> new String[] {String.format(java.util.Locale.ROOT, "%.5f",
                        centre[i % 4][0] + ((i * 37) % 100) * 2e-5), Integer.toString(100 * (i % 4) + (i * 13) % 50),
                    String.format(java.util.Locale.ROOT, "%.5f", centre[i % 4][1] + ((i * 61) % 100) * 2e-5)})
                .writeCsv(dir, "places.csv");
        Path cols = Files.writeString(dir.resolve("places.yaml"),
                "columns:\n  - name: latitude\n    type: latitude\n  - name: longitude\n    type: longitude\n");
        String told = Cli.run("inspect", s(train)).out();
        assertTrue(told.contains("a latitude? numeric scored better"), told);
        assertTrue(told.contains("a longitude? numeric scored better"), told);
        assertTrue(Cli.run("inspect", s(train), "--columns", s(cols)).out().contains("latitude                 latitude"));
        Cli.Result r = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--max-epochs", "30",
                "--models", "1", "--rows", "400", "--columns", s(cols), "--output", s(dir.resolve("pool.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable pool = CsvReader.read(dir.resolve("pool.csv"));
        assertArrayEquals(new String[] {"latitude", "price", "longitude"}, pool.header());
        for (int row = 0; row < pool.rowCount(); row++) {
            String lat = pool.column(0)[row];
            String lon = pool.column(2)[row];
            assertTrue(lat.matches("40\\.\\d{5}") && lon.matches("-7[34]\\.\\d{5}"), lat + ", " + lon);
        }
        // the same model with two numbers mixes one district's latitude with another's longitude far more often
        Cli.Result numbers = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--max-epochs",
                "30", "--models", "1", "--rows", "400", "--output", s(dir.resolve("numbers.csv")));
        assertEquals(ExitCodes.OK, numbers.code(), numbers::toString);
        int asPosition = inDistrict(pool, centre);
        int asNumbers = inDistrict(CsvReader.read(dir.resolve("numbers.csv")), centre);
        assertTrue(asPosition >= 0.75 * pool.rowCount(), asPosition + " of " + pool.rowCount() + " in a district");
        assertTrue(asPosition > asNumbers + 40, asPosition + " as a position, " + asNumbers + " as two numbers");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "columns:\n  - name: latitude\n    type: latitude\n");
        Cli.Result unpaired = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--rows", "10",
                "--columns", s(bad), "--output", s(dir.resolve("never.csv")));
        assertEquals(ExitCodes.FAILURE, unpaired.code(), unpaired::toString);
        assertTrue(unpaired.err().contains("1 latitude and 0 longitude"), unpaired.err());
        Path swapped = Files.writeString(dir.resolve("swapped.yaml"),
                "columns:\n  - name: price\n    type: latitude\n  - name: longitude\n    type: longitude\n");
        Cli.Result outOfRange = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--rows", "10",
                "--columns", s(swapped), "--output", s(dir.resolve("never.csv")));
        assertEquals(ExitCodes.FAILURE, outOfRange.code(), outOfRange::toString);
        assertTrue(outOfRange.err().contains("column price is declared latitude in --columns, but row"),
                outOfRange.err());
        assertTrue(Files.notExists(dir.resolve("never.csv")));
    }

    @Test
    void aMostlyLatLongColumnIsOnePositionColumn() throws Exception {
        Path train = TestTables.columns("where", "kind")
                .rows(300, i -> new String[] {String.format(java.util.Locale.ROOT, "%.4f, %.4f",
                        48.20 + (i % 3) * 0.01 + ((i * 7) % 20) * 1e-4, 16.37 + (i % 3) * 0.01 + ((i * 11) % 20) * 1e-4),
                    i % 3 == 0 ? "cafe" : "shop"})
                .writeCsv(dir, "vienna.csv");
        Path cols = Files.writeString(dir.resolve("mostly.json"), "{\"tables\": [{\"columns\": [{\"name\": \"where\","
                + " \"model_encoding_type\": \"TABULAR_LAT_LONG\"}]}]}");
        assertTrue(Cli.run("inspect", s(train), "--columns", s(cols)).out().contains("where                    lat_long"));
        Cli.Result r = Cli.run("generate", "-q", "--train", s(train), "--generator", "argn", "--max-epochs", "5",
                "--models", "1", "--rows", "200", "--columns", s(cols), "--output", s(dir.resolve("pool.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        for (String cell : CsvReader.read(dir.resolve("pool.csv")).column(0)) {
            assertTrue(cell.matches("48\\.2\\d{3}, 16\\.3\\d{3}"), cell);
        }
    }

    /** Rows whose latitude and longitude fall in one of the districts (0.002 degrees from their corner). */
    private static int inDistrict(RawTable pool, double[][] centre) {
        int n = 0;
        for (int row = 0; row < pool.rowCount(); row++) {
            double y = Double.parseDouble(pool.column(pool.columnIndex("latitude"))[row]);
            double x = Double.parseDouble(pool.column(pool.columnIndex("longitude"))[row]);
            for (double[] c : centre) {
                n += y >= c[0] && y <= c[0] + 0.002 && x >= c[1] && x <= c[1] + 0.002 ? 1 : 0;
            }
        }
        return n;
    }

    /** visit: day-first dates; score: -1 means missing there; level: the same numbers, -1 a value. */
    private Path visits() {
        return TestTables.columns("visit", "score", "level")
                .rows(120, i -> new String[] {String.format("%02d/%02d/2021", 1 + (i * 7) % 28, 1 + i % 12),
                    i % 5 == 0 ? "-1" : Integer.toString(i % 6), i % 5 == 0 ? "-1" : Integer.toString(i % 6)})
                .writeCsv(dir, "visits.csv");
    }

    @Test
    void aDateFormatAndAColumnsOwnMissingTokenGoFromTheFileToTheResult() throws Exception {
        Path train = visits();
        Cli.Result guessed = Cli.run("inspect", s(train), "--json", "-");
        assertTrue(guessed.out().contains("\"type\" : \"date\",\n    \"format\" : \"dd/MM/yyyy\""), guessed.out());
        Path cols = Files.writeString(dir.resolve("visits.json"), "{\"columns\": ["
                + "{\"name\": \"visit\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"},"
                + "{\"name\": \"score\", \"missing\": \"-1\"}]}");
        Cli.Result shown = Cli.run("inspect", s(train), "--columns", s(cols));
        assertEquals(ExitCodes.OK, shown.code(), shown::toString);
        assertTrue(shown.out().matches("(?s).*\\nvisit +date .*\\nscore +integer +6 +20\\.0% .*\\nlevel +integer +7 +0\\.0% .*"),
                shown.out());
        Cli.Result rewritten = Cli.run("inspect", s(train), "--columns", s(cols), "--json", "-");
        assertTrue(rewritten.out().contains("\"format\" : \"%d/%m/%Y\""), "declared fields kept: " + rewritten.out());
        assertTrue(rewritten.out().contains("\"missing\" : [ \"-1\" ]"), rewritten.out());

        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "argn", "--max-epochs", "2", "--models", "1",
                "--columns", s(cols), "--workdir", s(dir), "--output", s(dir.resolve("out.csv")),
                "--refinement-iterations", "2", "--no-privacy-guard");
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        RawTable out = CsvReader.read(dir.resolve("out.csv"));
        for (int row = 0; row < out.rowCount(); row++) {
            assertTrue(out.cell(0, row).matches("\\d{2}/\\d{2}/\\d{4}"), "the training format: " + out.cell(0, row));
            assertTrue(out.cell(1, row).matches("-1|[0-5]"), out.cell(1, row));
        }

        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"columns\": [{\"name\": \"visit\", \"format\": \"%d/%q/%Y\"}]}");
        Cli.Result refused = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--columns", s(bad));
        assertEquals(ExitCodes.FAILURE, refused.code(), refused::toString);
        assertTrue(refused.err().contains("bad.json: column visit: bad date format '%d/%q/%Y'"), refused.err());
        assertEquals(List.of(), List.of(refused.err().split("\n")).stream().filter(l -> l.contains("Exception")).toList());
    }
}
