package dev.issosynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Private temporary folders carry their owner's pid, so the folders of a killed run are found and removed. */
class TempFolderTest {
    @TempDir
    Path base;

    @Test
    void foldersOfGoneProcessesAreRemovedOthersKept() throws Exception {
        long gone = 2_147_480_000L; // above any pid this machine hands out
        Path dead = Files.createDirectories(base.resolve("issosynth-encoding-" + gone + "-123").resolve("in1"));
        Files.writeString(dead.resolve("t.csv"), "a,b\n1,2\n");
        long me = ProcessHandle.current().pid();
        Path mine = Files.createDirectory(base.resolve("issosynth-stdout-" + me + "-456"));
        Path other = Files.createDirectory(base.resolve("issosynth-notes"));
        Path foreign = Files.createDirectory(base.resolve("someone-else-" + gone + "-1"));
        TempFolder.sweep(base);
        assertFalse(Files.exists(dead.getParent()), "a killed run's copy of the training table is removed");
        assertTrue(Files.isDirectory(mine), "a live process's folder stays");
        assertTrue(Files.isDirectory(other) && Files.isDirectory(foreign), "other names are not ours");
        assertEquals(gone, TempFolder.ownerPid("issosynth-encoding-" + gone + "-99"));
        assertEquals(-1, TempFolder.ownerPid("issosynth-notes"));
    }

    @Test
    void aNewFolderCarriesThePidAndIsRemovedWhenClosed() throws Exception {
        Path dir = TempFolder.create("test");
        assertEquals(ProcessHandle.current().pid(), TempFolder.ownerPid(dir.getFileName().toString()));
        TempFolder.delete(dir);
        assertFalse(Files.exists(dir));
    }
}
