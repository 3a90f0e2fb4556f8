package dev.issosynth.cli;

import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.TableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static dev.issosynth.cli.Cli.s;
import static dev.issosynth.testing.TestTables.fixturePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parquet in: a training table, a holdout and a pool in Parquet give what the same tables in CSV give. */
class ParquetCliTest {
    @TempDir
    Path dir;

    /** The CSV as Parquet, written by DuckDB (an independent writer), snappy-compressed. */
    private Path parquetOf(Path csv, String name) throws Exception {
        Path out = dir.resolve(name);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + out + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        return out;
    }

    /** The text cells the tool reads from {@code parquet}, as a CSV. */
    private Path csvOf(Path parquet, String name) {
        Path out = dir.resolve(name);
        CsvWriter.write(TableFiles.read(parquet), out);
        return out;
    }

    @Test
    void parquetTablesGiveWhatTheirCsvGives() throws Exception {
        Path train = parquetOf(fixturePath("titanic.csv").toAbsolutePath(), "train.parquet");
        Path trainCsv = csvOf(train, "train.csv");
        String[] job = {"--generator", "independent", "--size", "300", "--refinement-iterations", "2", "--seed", "3",
            "-q", "--workdir", s(dir)};
        Cli.Result a = Cli.run(concat(new String[] {"run", s(train), "--output", s(dir.resolve("a.csv"))}, job));
        assertEquals(ExitCodes.OK, a.code(), a::toString);
        Cli.Result b = Cli.run(concat(new String[] {"run", s(trainCsv), "--output", s(dir.resolve("b.csv"))}, job));
        assertEquals(ExitCodes.OK, b.code(), b::toString);
        assertEquals(Files.readString(dir.resolve("b.csv")), Files.readString(dir.resolve("a.csv")));

        Path poolCsv;
        try (var pools = Files.list(dir.resolve("pool_data"))) {
            poolCsv = pools.sorted().findFirst().orElseThrow();
        }
        Path pool = parquetOf(poolCsv, "pool.parquet");
        Cli.Result c = Cli.run("select", "-q", "--train", s(train), "--pool", s(pool), "--seed", "3", "--size", "300",
                "--output", s(dir.resolve("c.csv")));
        assertEquals(ExitCodes.OK, c.code(), c::toString);
        Cli.Result d = Cli.run("select", "-q", "--train", s(trainCsv), "--pool", s(csvOf(pool, "pool.csv")), "--seed",
                "3", "--size", "300", "--output", s(dir.resolve("d.csv")));
        assertEquals(ExitCodes.OK, d.code(), d::toString);
        assertEquals(Files.readString(dir.resolve("d.csv")), Files.readString(dir.resolve("c.csv")));

        Cli.Result e = Cli.run("evaluate", "--train", s(train), "--synth", s(dir.resolve("c.csv")), "--holdout",
                s(train));
        assertEquals(ExitCodes.OK, e.code(), e::toString);
        assertTrue(e.out().contains("reference (training) rows 1,309"), e.out());

        Cli.Result out = Cli.run("generate", "-q", "--train", s(train), "--generator", "independent", "--rows", "10",
                "--output", s(dir.resolve("p.parquet")));
        assertEquals(ExitCodes.OK, out.code(), out::toString);
        assertEquals(describe(train), describe(dir.resolve("p.parquet")), "a generated Parquet pool keeps the types");
        assertEquals(10, TableFiles.read(dir.resolve("p.parquet")).rowCount());
        assertTrue(Cli.files(dir).stream().noneMatch(f -> f.endsWith(".part") || f.endsWith(".tmp")),
                "no part file left: " + Cli.files(dir));
    }

    @Test
    void aParquetTableGivesAParquetResultWithItsColumnTypes() throws Exception {
        Path train = parquetOf(fixturePath("titanic.csv").toAbsolutePath(), "train.parquet");
        String[] job = {"--generator", "independent", "--size", "300", "--refinement-iterations", "2", "--seed", "4",
            "-q", "--workdir", s(dir)};
        Cli.Result r = Cli.run(concat(new String[] {"run", s(train)}, job));
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        Path result;
        try (var files = Files.list(dir.resolve("results"))) {
            result = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        assertEquals(describe(train), describe(result), "every column keeps its type");
        Path poolFile;
        try (var pools = Files.list(dir.resolve("pool_data"))) {
            poolFile = pools.filter(f -> !f.toString().endsWith(".run.json")).findFirst().orElseThrow();
        }
        assertTrue(poolFile.toString().endsWith(".parquet"), "a Parquet job keeps its pool in Parquet: " + poolFile);
        assertEquals(describe(train), describe(poolFile));
        assertEquals(java.util.List.of(poolFile.getFileName().toString()), Cli.files(dir.resolve("pool_data")));
        Cli.Result asCsv = Cli.run(concat(new String[] {"select", "--train", s(train), "--pool",
            s(poolFile), "--output", s(dir.resolve("r.csv"))},
            new String[] {"--size", "300", "--refinement-iterations", "2", "--seed", "4", "-q"}));
        assertEquals(ExitCodes.OK, asCsv.code(), asCsv::toString);
        Path resultCsv = csvOf(result, "back.csv");
        assertEquals(Files.readString(dir.resolve("r.csv")), Files.readString(resultCsv),
                "the Parquet result holds the values of the CSV one");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             var rs = st.executeQuery("SELECT count(*), count(age) FROM '" + result + "'")) {
            rs.next();
            assertEquals(300, rs.getInt(1), "an independent reader agrees");
            assertTrue(rs.getInt(2) < 300, "missing ages are nulls");
        }

        Cli.Result fromCsv = Cli.run("select", "-q", "--train", s(fixturePath("titanic.csv")), "--pool",
                s(resultCsv), "--size", "100", "--output", s(dir.resolve("inferred.parquet")));
        assertEquals(ExitCodes.OK, fromCsv.code(), fromCsv::toString);
        String types = describe(dir.resolve("inferred.parquet"));
        assertTrue(types.contains("survived BIGINT") && types.contains("sex VARCHAR")
                && types.contains("fare BIGINT"), types);
    }

    @Test
    void theOutputFormatCanBeSaidOutright() throws Exception {
        Path train = fixturePath("titanic.csv");
        Path pool = dir.resolve("pool.csv");
        assertEquals(ExitCodes.OK, Cli.run("generate", "-q", "--train", s(train), "--generator", "independent",
                "--rows", "2000", "--output", s(pool)).code());
        String[] select = {"select", "-q", "--train", s(train), "--pool", s(pool), "--size", "100",
            "--refinement-iterations", "1", "--workdir", s(dir)};
        Cli.Result parquet = Cli.run(concat(select, new String[] {"--output-format", "parquet"}));
        assertEquals(ExitCodes.OK, parquet.code(), parquet::toString);
        try (var files = Files.list(dir.resolve("results"))) {
            Path result = files.findFirst().orElseThrow();
            assertTrue(result.getFileName().toString().matches("flat_result_\\d{8}_\\d{4}\\.parquet"), result.toString());
            assertTrue(TableFiles.isParquet(result));
        }
        Cli.Result clash = Cli.run(concat(select, new String[] {"--output-format", "parquet", "--output",
            s(dir.resolve("r.csv"))}));
        assertEquals(ExitCodes.FAILURE, clash.code(), clash::toString);
        assertTrue(clash.err().contains("--output-format parquet needs a .parquet name"), clash.err());
        Cli.Result bad = Cli.run(concat(select, new String[] {"--output-format", "xlsx"}));
        assertEquals(ExitCodes.USAGE, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--output-format must be auto, csv or parquet: xlsx"), bad.err());
    }

    /** Column names and types as DuckDB reads them. */
    private static String describe(Path parquet) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             var rs = st.executeQuery("DESCRIBE SELECT * FROM '" + parquet + "'")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
            }
        }
        return b.toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
