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
}
