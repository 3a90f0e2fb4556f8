package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.issosynth.cli.Cli.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --encoding: a Latin-1 table in, Latin-1 files out, nothing silently re-encoded. */
class EncodingCliTest {
    @TempDir
    Path dir;

    private Path latin1() throws Exception {
        StringBuilder b = new StringBuilder("city,visits\n");
        String[] cities = {"Zürich", "Wien", "Linz", "Malmö"};
        for (int i = 0; i < 120; i++) {
            b.append(cities[i % 4]).append(',').append(i % 9).append('\n');
        }
        Path p = dir.resolve("latin1.csv");
        Files.write(p, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        return p;
    }

    @Test
    void aLatin1TableRoundTripsInLatin1() throws Exception {
        Path train = latin1();
        Cli.Result refused = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir));
        assertEquals(ExitCodes.FAILURE, refused.code(), refused::toString);
        assertTrue(refused.err().contains("give its character set with --encoding"), refused.err());

        Cli.Result r = Cli.run("run", "-q", s(train), "--generator", "independent", "--workdir", s(dir),
                "--refinement-iterations", "2", "--encoding", "ISO-8859-1", "--output", s(dir.resolve("out.csv")));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        byte[] out = Files.readAllBytes(dir.resolve("out.csv"));
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Zürich") && text.contains("Malmö"), text);
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("\uFFFD"), "Latin-1 bytes, not UTF-8");
        // re-encoded through the atomic output: the file mode any new file gets here, not a temp file's 600
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve("out.csv")));
        try (var pools = Files.list(dir.resolve("pool_data"))) {
            Path pool = pools.filter(f -> !f.toString().endsWith(".run.json")).findFirst().orElseThrow();
            assertTrue(new String(Files.readAllBytes(pool), StandardCharsets.ISO_8859_1).contains("Zürich"));
        }
        Cli.Result e = Cli.run("evaluate", "--train", s(train), "--synth", s(dir.resolve("out.csv")), "--encoding",
                "latin1");
        assertEquals(ExitCodes.OK, e.code(), e::toString);
        assertTrue(e.out().contains("synthetic accuracy"), e.out());
        Cli.Result shown = Cli.run("inspect", s(train), "--encoding", "ISO-8859-1");
        assertTrue(shown.out().contains("Zürich"), shown.out());

        Cli.Result unknown = Cli.run("inspect", s(train), "--encoding", "klingon-1");
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("--encoding: unknown character set klingon-1"), unknown.err());
    }
}
