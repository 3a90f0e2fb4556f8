package dev.issosynth.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes what runs killed without a chance to clean up (kill -9, power loss) left in an output
 * folder: hidden temp files of unfinished outputs ({@code .NAME.<pid>-<hex>.tmp}) and name reservations
 * ({@code .NAME.reserved}, holding the owner's pid). A leftover goes only when its owner process is gone, so
 * runs that overlap (cron) keep theirs. The check is by process id on this machine: folders written by runs
 * on several machines at once (a shared network folder) are not supported.
 */
public final class Leftovers {
    static final Pattern TEMP = Pattern.compile("^\\..+\\.(\\d{1,10})-[0-9a-f]{1,12}\\.tmp$");
    /** Temp names of earlier versions carry no pid: removed once they are this old, in our own folders only. */
    static final Pattern OLD_TEMP = Pattern.compile("^\\..+\\.[0-9a-f]{1,12}\\.tmp$");
    static final Pattern RESERVED = Pattern.compile("^\\..+\\.reserved$");
    static final Duration OLD = Duration.ofDays(1);
    /** A reservation is written right after it is created: give an empty one this long before judging it. */
    static final Duration FRESH = Duration.ofMinutes(1);

    private Leftovers() {
    }

    /** The text a reservation marker holds: the owner's pid. */
    public static String ownerMark() {
        return Long.toString(ProcessHandle.current().pid());
    }

    /**
     * Removes the leftovers of dead runs in a folder issosynth names its outputs in (results/, pool_data/): temp
     * files, reservations, and temp files of earlier versions a day old. Returns how many. Never fails: cleaning
     * is best effort.
     */
    public static int sweep(Path dir) {
        return sweep(dir, true);
    }

    /** In any other folder (a user's --output): only temp files with a dead owner's pid in their name. */
    public static int sweepTempFiles(Path dir) {
        return sweep(dir, false);
    }

    private static int sweep(Path dir, boolean ownFolder) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : files) {
                if (isLeftover(p, ownFolder) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder we cannot list or a file we cannot remove: the next run tries again
        }
        return removed;
    }

    static boolean isLeftover(Path p, boolean ownFolder) throws IOException {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        String name = p.getFileName().toString();
        Matcher m = TEMP.matcher(name);
        if (m.matches()) {
            return !alive(m.group(1));
        }
        if (!ownFolder) {
            return false;
        }
        if (OLD_TEMP.matcher(name).matches()) {
            return olderThan(p, OLD);
        }
        if (RESERVED.matcher(name).matches()) {
            String owner = Files.readString(p, StandardCharsets.UTF_8).trim();
            return owner.isEmpty() ? olderThan(p, FRESH) : !alive(owner);
        }
        return false;
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // more digits than a pid can have
        }
    }

    private static boolean olderThan(Path p, Duration age) throws IOException {
        FileTime t = Files.getLastModifiedTime(p);
        return t.toInstant().isBefore(Instant.now().minus(age));
    }
}
