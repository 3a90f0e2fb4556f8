package dev.issosynth.bench;

import dev.issosynth.pipeline.PoolEncoder;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Bins a pool file with the training table's bins, as select and run do, and prints the rows and seconds: run once
 * on a CSV pool and once on the same pool in Parquet (bench/parquet_read.sh). With {@code convert}, first writes
 * the Parquet copy with DuckDB (the test class path has it), snappy-compressed.
 *
 * <p>usage: {@code PoolReadBench TRAIN POOL [NA]}, {@code PoolReadBench convert POOL.csv POOL.parquet} (DuckDB), or
 * {@code PoolReadBench write-parquet|write-csv POOL.csv OUT} (the pool written by issosynth as Parquet, or copied as
 * CSV: the write side of the comparison)
 */
public final class PoolReadBench {
    private PoolReadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("write-parquet") || args[0].equals("write-csv")) {
            // the pool written again, as Parquet (types chosen from the values) or as a CSV copy
            Path in = Path.of(args[1]);
            Path out = Path.of(args[2]);
            long t0 = System.nanoTime();
            if (args[0].equals("write-parquet")) {
                dev.issosynth.io.ParquetOutput.convert(in, out, null, name -> MissingValues.defaults()::isMissing);
            } else {
                String[] header = dev.issosynth.io.CsvReader.readHeader(in);
                try (var w = dev.issosynth.io.CsvWriter.open(out, header)) {
                    dev.issosynth.io.CsvReader.stream(in, header, 4096, (first, chunk, count) -> {
                        for (int i = 0; i < count; i++) {
                            w.write(chunk[i]);
                        }
                    });
                    w.commit();
                }
            }
            System.out.printf(Locale.ROOT, "%s: written in %.1f s, %,d bytes%n", out, (System.nanoTime() - t0) / 1e9,
                    Files.size(out));
            return;
        }
        if (args[0].equals("convert")) {
            Path out = Path.of(args[2]);
            if (!Files.exists(out)) {
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
                    st.execute("COPY (SELECT * FROM read_csv('" + args[1] + "', all_varchar = true, delim = ',', quote = '\"', escape = '\"', header = true)) TO '" + out
                            + "' (FORMAT parquet, COMPRESSION snappy)");
                }
            }
            System.out.println(out + " " + Files.size(out) + " bytes");
            return;
        }
        MissingValues na = args.length > 2 && !args[2].isEmpty()
                ? MissingValues.defaults().withExtra(List.of(args[2].split(","))) : MissingValues.defaults();
        TrainingTable train = TrainingTable.read(Path.of(args[0]), na);
        long t0 = System.nanoTime();
        try (Parallel par = new Parallel(0)) {
            CodeTable codes = PoolEncoder.encode(train.schema(), Path.of(args[1]), par, Progress.silent());
            System.out.printf(Locale.ROOT, "%s: %,d rows binned in %.1f s%n", args[1], codes.rows(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
