package dev.issosynth.generator.mostly;

import dev.issosynth.generator.ExternalModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolZipTest {
    @TempDir
    Path dir;

    private Path zip(Map<String, String> entries) throws IOException {
        Path zip = dir.resolve("d.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void joinsTheTablesPartsInNameOrderWithOneHeader() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("other/other.csv", "x\n9\n");
        entries.put("data/part.000001.csv", "a,b\n3,4\n");
        entries.put("data/part.000000.csv", "a,b\n1,2"); // no final line break
        entries.put("data/readme.txt", "not a table");
        Path out = dir.resolve("out.csv");
        PoolZip.extractTable(zip(entries), "data", out);
        assertEquals("a,b\n1,2\n3,4\n", Files.readString(out));
    }

    @Test
    void theOnlyTableIsTakenWhateverItsName() throws Exception {
        Path out = dir.resolve("out.csv");
        PoolZip.extractTable(zip(Map.of("train/train.csv", "a\n1\n")), "data", out);
        assertEquals("a\n1\n", Files.readString(out));
    }

    @Test
    void partsWithAnotherHeaderOrNoTableOrNoZipAreClearErrors() throws Exception {
        Path out = dir.resolve("out.csv");
        ExternalModelException e = assertThrows(ExternalModelException.class, () -> PoolZip.extractTable(
                zip(Map.of("data/p0.csv", "a,b\n1,2\n", "data/p1.csv", "a,c\n1,2\n")), "data", out));
        assertTrue(e.getMessage().contains("another header"), e.getMessage());

        e = assertThrows(ExternalModelException.class, () -> PoolZip.extractTable(
                zip(Map.of("x/x.csv", "a\n", "y/y.csv", "a\n")), "data", out));
        assertEquals("MOSTLY AI download d.zip has no table 'data' among [x, y]", e.getMessage());

        Path notZip = Files.writeString(dir.resolve("n.zip"), "{\"message\":\"oops\"}");
        e = assertThrows(ExternalModelException.class, () -> PoolZip.extractTable(notZip, "data", out));
        assertTrue(e.getMessage().startsWith("MOSTLY AI download n.zip is not a zip file"), e.getMessage());
    }

    @Test
    void entryNamesNeverBecomePaths() throws Exception {
        Path out = dir.resolve("out.csv");
        PoolZip.extractTable(zip(Map.of("../../evil.csv", "a\n1\n")), "data", out);
        assertEquals("a\n1\n", Files.readString(out));
        assertFalse(Files.exists(dir.getParent().getParent().resolve("evil.csv")));
    }
}
