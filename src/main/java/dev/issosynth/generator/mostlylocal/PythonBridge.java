package dev.issosynth.generator.mostlylocal;

import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.util.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Runs the bridge script ({@value #SCRIPT}, shipped in the jar) in a Python interpreter: streams its stderr lines to
 * a listener, logs the lines the listener does not take and keeps the last of them on each stream, and stops the
 * process tree on timeout, interruption or JVM shutdown (Ctrl-C).
 */
final class PythonBridge {
    static final String SCRIPT = "issosynth_bridge.py";
    private static final Logger LOG = LoggerFactory.getLogger("issosynth");
    /** How long the output readers may lag behind the process's exit (a leftover child may hold the pipes open). */
    private static final long DRAIN_MILLIS = 5_000;

    /**
     * How a run ended: the exit code and the last non-blank line of stdout (the status) and of stderr (apart from the
     * lines the listener took).
     */
    record Outcome(int exitCode, String lastStdoutLine, String lastStderrLine) {
    }

    private final String python;
    private final Path script;
    private final Map<String, String> extraEnv;

    /**
     * @param python   interpreter (a name on the PATH or a path)
     * @param dir      folder the script is written to; it must outlive the runs
     * @param extraEnv environment entries added to this process's (tests point PYTHONPATH at a fake SDK)
     */
    PythonBridge(String python, Path dir, Map<String, String> extraEnv) {
        this.python = python;
        this.script = extractScript(dir);
        this.extraEnv = Map.copyOf(extraEnv);
    }

    String python() {
        return python;
    }

    private static Path extractScript(Path dir) {
        Path target = dir.resolve(SCRIPT);
        try (InputStream in = PythonBridge.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the resource " + SCRIPT);
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bridge script to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code python script args...} and waits for it, at most {@code timeout} (null: no limit).
     *
     * @param limitName   what sets the timeout, for the error message (e.g. the option)
     * @param stderrLines gets every stderr line as it arrives, on a reader thread, and answers whether it took it
     * @throws ExternalModelException if the interpreter cannot be started, the time limit passed, or the wait was
     *                                interrupted (this thread, or the JVM shutting down)
     */
    Outcome run(List<String> args, Duration timeout, String limitName, Predicate<String> stderrLines) {
        List<String> command = new ArrayList<>(List.of(executable(), script.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(script.getParent().toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1"); // progress must arrive while it happens
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().putAll(extraEnv);
        Process process = start(pb);
        closeQuietly(process); // nothing to say on stdin; an unexpected prompt then fails instead of waiting forever
        AtomicBoolean shutDown = new AtomicBoolean();
        Thread stopOnShutdown = new Thread(() -> {
            shutDown.set(true);
            ProcessTree.stop(process, ProcessTree.GRACE);
        }, "stop python bridge");
        Runtime.getRuntime().addShutdownHook(stopOnShutdown);
        try {
            AtomicReference<String> lastOut = new AtomicReference<>();
            AtomicReference<String> lastErr = new AtomicReference<>();
            Thread out = reader(process.getInputStream(), "stdout", lastOut, line -> false);
            Thread err = reader(process.getErrorStream(), "stderr", lastErr, stderrLines);
            if (!waitFor(process, timeout)) {
                ProcessTree.stop(process, ProcessTree.GRACE);
                throw new ExternalModelException("mostly-local: stopped the Python bridge after "
                        + Progress.formatSeconds(timeout.toMillis() / 1000.0) + " (" + limitName + ")");
            }
            if (shutDown.get()) {
                throw new ExternalModelException("mostly-local: interrupted; stopped the Python bridge");
            }
            join(out);
            join(err);
            return new Outcome(process.exitValue(), lastOut.get(), lastErr.get());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it stops the process
            }
        }
    }

    /**
     * The interpreter as the process is started with it: a relative path made absolute, since the process runs in the
     * script's folder (a bare name is looked up on the PATH).
     */
    private String executable() {
        return python.indexOf('/') >= 0 || python.indexOf(File.separatorChar) >= 0
                ? Path.of(python).toAbsolutePath().toString() : python;
    }

    private Process start(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            // "Cannot run program "x": error=2, No such file or directory"
            if (String.valueOf(e.getMessage()).contains("error=2,")) {
                throw new ExternalModelException(python + " not found: install Python 3.10–3.13 or pass --python PATH",
                        e);
            }
            throw new ExternalModelException(python + " cannot be run (" + e.getMessage() + "): pass a Python "
                    + "3.10–3.13 interpreter with --python PATH", e);
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.info("[mostly-local] closing the bridge's stdin: {}", e.toString());
        }
    }

    /** True if the process ended within {@code timeout}; stops it and throws if this thread is interrupted. */
    private static boolean waitFor(Process process, Duration timeout) {
        try {
            if (timeout == null) {
                process.waitFor();
                return true;
            }
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.stop(process, ProcessTree.GRACE);
            throw new ExternalModelException("mostly-local: interrupted; stopped the Python bridge", e);
        }
    }

    private static Thread reader(InputStream stream, String name, AtomicReference<String> last,
            Predicate<String> listener) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank() || listener.test(line)) {
                        continue;
                    }
                    LOG.info("[mostly-local {}] {}", name, line);
                    last.set(line.strip());
                }
            } catch (IOException e) {
                LOG.info("[mostly-local {}] closed: {}", name, e.toString());
            }
        }, "python bridge " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread reader) {
        try {
            reader.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
