package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate/run --save-model / --model-file: a saved argn model samples exactly like the run that trained it. */
class ArgnModelFileTest {
    @TempDir
    Path dir;

    private Cli.Result train(Path model, Path out) {
        return Cli.run("generate", "-q", "--train", s(fixturePath("titanic.csv")), "--generator", "argn",
                "--rows", "150", "--seed", "3", "--max-epochs", "1", "--model", "small", "--save-model", s(model),
                "--output", s(out));
    }

    private static Cli.Result sample(Path model, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "-q", "--model-file", s(model), "--rows",
                "150", "--seed", "3", "--output", s(out)));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void savedModelSamplesTheSameRowsWithoutTraining() throws IOException {
        Path model = dir.resolve("m.argn");
        Path a = dir.resolve("a.csv");
        Cli.Result r = train(model, a);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("model: " + model), r.out());
        assertTrue(Files.size(model) > 100);
        Path b = dir.resolve("b.csv");
        r = sample(model, b, "--generator", "argn");
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Cli.Result verbose = Cli.run("generate", "--model-file", s(model), "--rows", "10", "--output",
                s(dir.resolve("c.csv")));
        assertEquals(0, verbose.code(), verbose::toString);
        assertFalse(verbose.err().contains("[train argn]"), "no training: " + verbose.err());
        assertEquals(List.of("a.csv", "b.csv", "c.csv", "m.argn"), Cli.files(dir), "no temp files left");
    }

    /** Every encoding kind (dates, digit/binned numbers, categories) survives the round trip. */
    @Test
    void roundTripOnWiderFixtures() throws IOException {
        for (String fixture : List.of("airbnb_2000.csv", "census_2000.csv.gz")) {
            Path model = dir.resolve(fixture + ".argn");
            Path a = dir.resolve(fixture + ".a.csv");
            Path b = dir.resolve(fixture + ".b.csv");
            Cli.Result r = Cli.run("generate", "-q", "--train", s(fixturePath(fixture)), "--generator", "argn",
                    "--rows", "150", "--seed", "3", "--max-epochs", "1", "--model", "small", "--save-model", s(model),
                    "--output", s(a));
            assertEquals(0, r.code(), r::toString);
            r = sample(model, b);
            assertEquals(0, r.code(), r::toString);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), fixture);
        }
    }

    private void assertFails(Path model, String reason) {
        Path out = dir.resolve("out.csv");
        Cli.Result r = sample(model, out);
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("issosynth: ") && r.err().contains(reason), r.err());
        assertFalse(Files.exists(out), "no pool for a bad model");
    }

    @Test
    void missingTruncatedCorruptOrForeignModelFilesFailWithOneLine() throws IOException {
        Path model = dir.resolve("m.argn");
        assertEquals(0, train(model, dir.resolve("a.csv")).code());
        byte[] good = Files.readAllBytes(model);

        assertFails(dir.resolve("none.argn"), "model file not found");
        assertFails(Files.write(dir.resolve("half.argn"), Arrays.copyOf(good, good.length / 2)), "truncated");
        assertFails(Files.write(dir.resolve("short.argn"), Arrays.copyOf(good, good.length - 3)), "truncated");
        byte[] flipped = good.clone();
        flipped[good.length / 3] ^= 0x5a;
        assertFails(Files.write(dir.resolve("flip.argn"), flipped), "corrupt");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertFails(Files.write(dir.resolve("long.argn"), longer), "corrupt");
        byte[] v99 = good.clone();
        ByteBuffer.wrap(v99).putInt(8, 99);
        assertFails(Files.write(dir.resolve("v99.argn"), v99), "version 99");
        assertFails(fixturePath("titanic.csv"), "not an issosynth argn model file");
        assertFails(Files.write(dir.resolve("empty.argn"), new byte[0]), "truncated");
    }

    private byte[] trained() throws IOException {
        Path model = dir.resolve("m.argn");
        assertEquals(0, train(model, dir.resolve("a.csv")).code());
        return Files.readAllBytes(model);
    }

    @Test
    void truncatedOrFlippedAnywhereFailsWithOneLine() throws IOException {
        byte[] good = trained();
        int n = good.length;
        // inside the magic, the version, the length field, the payload, the checksum
        for (int cut : new int[] {3, 8, 11, 19, 20, 21, n / 4, n - 9, n - 1}) {
            assertFails(Files.write(dir.resolve("cut.argn"), Arrays.copyOf(good, cut)), "truncated model file");
        }
        for (int at : new int[] {20, 24, n / 4, n / 2, n - 9, n - 1}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x01;
            assertFails(Files.write(dir.resolve("flip.argn"), flipped), "corrupt model file");
        }
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putLong(12, Long.MAX_VALUE);
        assertFails(Files.write(dir.resolve("huge.argn"), huge),
                "truncated model file (" + n + " of " + Long.MAX_VALUE + " bytes)");
        byte[] tiny = good.clone();
        ByteBuffer.wrap(tiny).putLong(12, 5);
        assertFails(Files.write(dir.resolve("tiny.argn"), tiny), "corrupt model file");
    }

    @Test
    void versionOneFilesAskForRetraining() throws IOException {
        byte[] v1 = trained();
        ByteBuffer.wrap(v1).putInt(8, 1);
        assertFails(Files.write(dir.resolve("v1.argn"), v1),
                "model file format version 1 was written by an older issosynth; retrain with --save-model");
    }

    @Test
    void versionTwoFilesAskForRetraining() throws IOException {
        byte[] v2 = trained();
        ByteBuffer.wrap(v2).putInt(8, 2); // version 2 had no decade sub-column for dates spanning 30 years
        assertFails(Files.write(dir.resolve("v2.argn"), v2),
                "model file format version 2, this issosynth reads version 3; train and save the model again");
    }

    /** Files damaged behind a valid checksum (so crafted, not corrupted) are caught by the parse itself. */
    @Test
    void badContentBehindAValidChecksumFailsWithOneLine() throws IOException {
        byte[] good = trained();
        int tag = firstEncodingTag(good);
        byte[] unknown = good.clone();
        unknown[tag] = 99;
        assertFails(Files.write(dir.resolve("tag.argn"), withChecksum(unknown)),
                "corrupt model file (unknown encoding tag 99)");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(tag + 1, Integer.MAX_VALUE); // the first count of every encoding type
        assertFails(Files.write(dir.resolve("count.argn"), withChecksum(huge)),
                "corrupt model file (bad length 2147483647)");
    }

    /** Offset of the first column's encoding tag: the fields before it skipped as ArgnModelFile documents them. */
    private static int firstEncodingTag(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).position(20); // magic, version, length
        skip(b, b.getInt()); // model size
        b.getInt(); // generation batch
        skip(b, 4 * b.getInt()); // cardinalities
        skip(b, 4 * b.getInt()); // column indices
        b.getLong(); // encodings: seed
        b.getInt(); // column count
        skip(b, b.getInt()); // first column's name
        return b.position();
    }

    private static void skip(ByteBuffer b, int bytes) {
        b.position(b.position() + bytes);
    }

    /** The file with its trailing CRC-32 recomputed. */
    private static byte[] withChecksum(byte[] file) {
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 8);
        ByteBuffer.wrap(file).putLong(file.length - 8, crc.getValue());
        return file;
    }

    @Test
    void modelIsNotWrittenWhenGenerateFails() throws IOException {
        Path model = dir.resolve("m.argn");
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Cli.Result r = train(model, blocker.resolve("p.csv"));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertFalse(Files.exists(model));
        assertEquals(List.of("file"), Cli.files(dir));
    }

    @Test
    void misuseIsAUsageError() {
        Path model = dir.resolve("m.argn");
        Path train = fixturePath("titanic.csv");
        for (List<String> args : List.of(
                List.of("generate", "--model-file", s(model), "--rows", "5", "--generator", "independent"),
                List.of("generate", "--model-file", s(model), "--rows", "5", "--train", s(train)),
                List.of("generate", "--model-file", s(model), "--rows", "5", "--save-model", s(model)),
                List.of("generate", "--train", s(train), "--generator", "independent", "--rows", "5", "--save-model",
                        s(model)),
                List.of("generate", "--rows", "5", "--generator", "argn"),
                List.of("generate", "--rows", "5", "--train", s(train)))) {
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertTrue(r.err().startsWith("issosynth: "), r.err());
        }
        assertFalse(Files.exists(model));
    }

    private static Cli.Result runCmd(Path workdir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-q", s(fixturePath("titanic.csv")),
                "--workdir", s(workdir), "--seed", "3", "--max-epochs", "1", "--model", "small", "--pool-factor", "1",
                "--refinement-iterations", "2", "--no-privacy-guard"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The one file under {@code dir/sub}. */
    private static Path only(Path dir, String sub) {
        List<String> f = Cli.files(dir.resolve(sub));
        assertEquals(1, f.size(), f::toString);
        return dir.resolve(sub).resolve(f.get(0));
    }

    @Test
    void runSavesAModelAndAnotherRunSamplesItWithoutTraining() throws IOException {
        Path model = dir.resolve("m.argn");
        Path a = dir.resolve("a");
        Cli.Result r = runCmd(a, "--save-model", s(model));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("model: " + model), r.out());
        assertTrue(r.lastOutLine().startsWith("output: "), r.out());
        assertTrue(Files.size(model) > 100);

        Path b = dir.resolve("b");
        Cli.Result sampled = Cli.run("run", s(fixturePath("titanic.csv")), "--workdir", s(b), "--seed", "3",
                "--pool-factor", "1", "--refinement-iterations", "2", "--model-file", s(model), "--no-privacy-guard");
        assertEquals(0, sampled.code(), sampled::toString);
        assertFalse(sampled.err().contains("[train argn"), "no training: " + sampled.err());
        assertTrue(sampled.err().contains("[generate argn] done"), sampled.err());
        assertArrayEquals(Files.readAllBytes(only(a, "pool_data")), Files.readAllBytes(only(b, "pool_data")),
                "same model, same seed: same pool");
        assertArrayEquals(Files.readAllBytes(only(a, "results")), Files.readAllBytes(only(b, "results")));

        // generate --model-file and run --model-file share the sampling path
        Path g = dir.resolve("g.csv");
        assertEquals(0, Cli.run("generate", "-q", "--model-file", s(model), "--rows", "1309", "--seed", "3",
                "--output", s(g)).code());
        assertArrayEquals(Files.readAllBytes(only(a, "pool_data")), Files.readAllBytes(g));
    }

    @Test
    void runMisuseOfModelFilesIsAUsageError() {
        Path model = dir.resolve("m.argn");
        Path train = fixturePath("titanic.csv");
        for (List<String> extra : List.of(
                List.of("--model-file", s(model), "--generator", "independent"),
                List.of("--model-file", s(model), "--generator", "pool", "--pool", s(train)),
                List.of("--model-file", s(model), "--save-model", s(dir.resolve("n.argn"))),
                List.of("--model-file", s(model), "--models", "2"),
                List.of("--save-model", s(model), "--generator", "independent"),
                List.of("--save-model", s(train)),
                List.of("--output", s(model), "--model-file", s(model)))) {
            Cli.Result r = runCmd(dir, extra.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), extra + "\n" + r);
            assertTrue(r.err().startsWith("issosynth: "), r.err());
        }
        assertEquals(List.of(), Cli.files(dir));
    }

    @Test
    void runWithAModelOfOtherColumnsFailsBeforeSampling() throws IOException {
        Path model = dir.resolve("m.argn");
        Cli.Result r = Cli.run("generate", "-q", "--train", s(fixturePath("airbnb_2000.csv")), "--generator", "argn",
                "--rows", "10", "--max-epochs", "1", "--model", "small", "--save-model", s(model), "--output",
                s(dir.resolve("p.csv")));
        assertEquals(0, r.code(), r::toString);
        Path work = dir.resolve("w");
        r = runCmd(work, "--model-file", s(model));
        assertEquals(ExitCodes.FAILURE, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("m.argn: the model's columns differ"), r.err());
        assertFalse(Files.exists(work.resolve("pool_data")) && !Cli.files(work).isEmpty(), "no pool left behind");
    }
}
