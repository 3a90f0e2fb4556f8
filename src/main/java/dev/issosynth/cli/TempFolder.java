package dev.issosynth.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A command's private temporary folders ({@code --encoding}'s decoded inputs, {@code --output -}'s result before it
 * is streamed) in the JVM's temporary folder, named {@code issosynth-<use>-<pid>-<random>}: removed when the command
 * closes them, by a shutdown hook when a signal stops the JVM (SIGTERM, Ctrl-C), and, after {@code kill -9}, by the
 * next command that makes one, which removes every such folder whose process is gone.
 */
final class TempFolder {
    private static final String PREFIX = "issosynth-";
    private static final long PID = ProcessHandle.current().pid();
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TempFolder::deleteTree),
                "issosynth-temp-folders"));
    }

    private TempFolder() {
    }

    /** A new private folder for {@code use} (e.g. {@code encoding}), after removing those of dead processes. */
    static Path create(String use) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(base);
        Path dir = Files.createTempDirectory(base, PREFIX + use + "-" + PID + "-");
        LIVE.add(dir);
        return dir;
    }

    /** Removes the folders of processes that are gone (a {@code kill -9} gives them no chance to). */
    static void sweep(Path base) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path d : dirs) {
                long pid = ownerPid(d.getFileName().toString());
                if (pid > 0 && pid != PID && ProcessHandle.of(pid).isEmpty() && Files.isDirectory(d)) {
                    deleteTree(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder left behind is no reason to fail a command
        }
    }

    /** The pid in {@code issosynth-<use>-<pid>-<random>}, or -1 for any other name. */
    static long ownerPid(String name) {
        String[] parts = name.split("-");
        if (parts.length < 4) {
            return -1;
        }
        try {
            return Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        deleteTree(dir);
        LIVE.remove(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail a finished command
        }
    }
}
