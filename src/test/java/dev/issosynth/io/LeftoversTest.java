package dev.issosynth.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeftoversTest {
    /** No process has this id (Linux ids stay below 2^22), so its files are a dead run's. */
    private static final String DEAD = "2147483646";
    private static final String ME = Long.toString(ProcessHandle.current().pid());

    @TempDir
    Path dir;

    private Path file(String name, String text, long ageSeconds) throws IOException {
        Path p = Files.writeString(dir.resolve(name), text);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
        return p;
    }

    private List<String> left() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void removesWhatDeadRunsLeftAndKeepsWhatLiveRunsAndUsersOwn() throws IOException {
        file(".pool_1.csv." + DEAD + "-3fa2.tmp", "half a pool", 5);
        file(".pool_2.csv." + ME + "-77.tmp", "being written", 5);
        file(".flat_result_1.csv.reserved", DEAD, 5);
        file(".flat_result_2.csv.reserved", ME, 5);
        file(".flat_result_3.csv.reserved", "", 5);          // just created, owner not yet written
        file(".flat_result_4.csv.reserved", "", 600);        // empty for ten minutes: its owner died at once
        file(".old.csv.a1b2c3.tmp", "earlier version", 2 * 86_400);
        file(".new.csv.a1b2c3.tmp", "earlier version", 60);
        file("result.csv", "a user's file", 10 * 86_400);
        file(".hidden.tmp", "not ours", 10 * 86_400);
        assertEquals(4, Leftovers.sweep(dir));
        assertEquals(List.of(".flat_result_2.csv.reserved", ".flat_result_3.csv.reserved", ".hidden.tmp",
                ".new.csv.a1b2c3.tmp", ".pool_2.csv." + ME + "-77.tmp", "result.csv"), left());
    }

    @Test
    void inAUsersFolderOnlyTempFilesNamingADeadOwnerGo() throws IOException {
        file(".out.csv." + DEAD + "-3fa2.tmp", "half an output", 5);
        file(".flat_result_1.csv.reserved", DEAD, 5);
        file(".notes.cafe.tmp", "another program's", 2 * 86_400);
        assertEquals(1, Leftovers.sweepTempFiles(dir));
        assertEquals(List.of(".flat_result_1.csv.reserved", ".notes.cafe.tmp"), left());
    }

    @Test
    void aMissingFolderIsNoError() {
        assertEquals(0, Leftovers.sweep(dir.resolve("absent")));
    }

    @Test
    void anOutputWrittenInAFolderSweepsItFirst() throws IOException {
        file(".x.csv." + DEAD + "-1.tmp", "dead", 5);
        file(".notes.cafe.tmp", "another program's", 2 * 86_400);
        CsvWriter.write(new RawTable(new String[] {"a"}, new String[][] {{"1"}}), dir.resolve("out.csv"));
        assertEquals(List.of(".notes.cafe.tmp", "out.csv"), left());
        assertTrue(Files.readString(dir.resolve("out.csv")).startsWith("a\n"));
    }
}
