package dev.issosynth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.io.AtomicOutput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@code run --resume} needs to go on from a finished pool: beside every pool a run completes,
 * {@code <pool>.run.json} records what made it (the training file by path, size, modification time and a hash of
 * its first megabyte; the generator and its settings; the seed; the rows) and the pool's size. A later run with the
 * same training file and settings and {@code --resume} selects from that pool instead of training again; a pool cut
 * short (a killed run) never has a record, and a record whose pool changed size is ignored.
 */
final class PoolManifest {
    static final String SUFFIX = ".run.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEAD_BYTES = 1 << 20;

    private PoolManifest() {
    }

    /** The key of a pool the request would generate ({@code rows} rows, appended rows included). */
    static String key(RunJob.Request r, long rows) {
        Path train = r.train().toAbsolutePath().normalize();
        StringBuilder k = new StringBuilder();
        try {
            k.append(train).append('|').append(Files.size(train)).append('|')
                    .append(Files.getLastModifiedTime(train).toMillis()).append('|').append(headHash(train));
        } catch (IOException e) {
            return null; // no key, no resuming: the job itself reports an unreadable file
        }
        k.append('|').append(rows).append('|').append(r.params().seed()).append('|').append(r.naValues())
                .append('|').append(r.columns());
        PoolSource s = r.source();
        if (s instanceof PoolSource.Trained t) {
            k.append("|trained ").append(t.generator().name());
            if (t.generator() instanceof ArgnGenerator g) {
                k.append(' ').append(g.options().withThreads(0)).append(" extra ").append(g.extraRows())
                        .append(" seeds ").append(g.seedData() == null ? "none" : g.seedData().rowCount() + "x"
                        + g.seedCandidates() + " " + String.join(",", g.seedData().header()));
            }
        } else if (s instanceof PoolSource.SavedModel m) {
            Path f = m.file().toAbsolutePath().normalize();
            try {
                k.append("|saved ").append(f).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append(" extra ")
                        .append(m.generator().extraRows());
            } catch (IOException e) {
                return null;
            }
        } else {
            return null;
        }
        return k.toString();
    }

    private static String headHash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readNBytes(HEAD_BYTES));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a finished pool (atomically); quietly nothing when there is no key or the record cannot be written. */
    static void write(Path pool, String key) {
        if (key == null) {
            return;
        }
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("key", key);
            n.put("pool", pool.getFileName().toString());
            n.put("bytes", Files.size(pool));
            n.put("finished", java.time.Instant.now().toString());
            byte[] text = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            AtomicOutput.write(record(pool), out -> out.write(text));
        } catch (IOException | RuntimeException e) {
            // a missing record only means no --resume from this pool
        }
    }

    static Path record(Path pool) {
        return pool.resolveSibling(pool.getFileName() + SUFFIX);
    }

    /** The newest finished pool in {@code dir} with this key, or null. */
    static Path find(Path dir, String key) {
        if (key == null || !Files.isDirectory(dir)) {
            return null;
        }
        List<Path> records = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(records::add);
        } catch (IOException e) {
            return null;
        }
        Path best = null;
        String bestTime = "";
        for (Path f : records) {
            try {
                JsonNode n = JSON.readTree(f.toFile());
                Path pool = f.resolveSibling(n.path("pool").asText());
                if (key.equals(n.path("key").asText()) && Files.isRegularFile(pool)
                        && Files.size(pool) == n.path("bytes").asLong(-1)
                        && n.path("finished").asText().compareTo(bestTime) > 0) {
                    best = pool;
                    bestTime = n.path("finished").asText();
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable record is no pool to resume from
            }
        }
        return best;
    }
}
