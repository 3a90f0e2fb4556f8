package dev.issosynth.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines on stderr: stage, percent, ETA and the current objective. Throttled so a tight loop can call
 * {@link #update} freely; silent when quiet. Never used for results (those go to stdout or files).
 */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger("issosynth");
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean quiet;
    /** Receives every event besides (or, for a library caller, instead of) the printed lines; null for none. */
    private final Sink sink;
    /** Appended to every stage name, e.g. {@code "2/3"}; null for none. */
    private final String tag;
    private String stage = "";
    /** The stage name as the caller gave it (without the tag). */
    private String baseStage = "";
    private long stageStart;
    private long lastPrint;

    /** Where a library caller gets the events ({@link #to}); stage names as printed (with any tag). */
    public interface Sink {
        void stage(String stage);

        /** {@code fraction} in [0, 1], NaN when the total is unknown; throttled to about one call a second. */
        void update(String stage, double fraction, String detail);

        void done(String stage, double seconds, String detail);

        void info(String line);
    }

    public Progress(PrintStream out, boolean quiet) {
        this(out, quiet, null, null);
    }

    private Progress(PrintStream out, boolean quiet, String tag, Sink sink) {
        this.out = out;
        this.quiet = quiet;
        this.tag = tag == null || tag.isBlank() ? null : tag.trim();
        this.sink = sink;
    }

    /** Events to {@code sink} only: nothing printed (the log still gets the lines). */
    public static Progress to(Sink sink) {
        return new Progress(System.err, true, null, java.util.Objects.requireNonNull(sink));
    }

    /**
     * A progress on the same stream whose stage names carry {@code tag}: {@code stage("train argn")} reports as
     * {@code [train argn 2/3]}, and {@link #info} lines that start with the untagged {@code [train argn]} get the
     * tag too. For a step repeated several times (e.g. one of several models) by code that names its own stages.
     */
    public Progress tagged(String tag) {
        return new Progress(out, quiet, tag, sink);
    }

    public static Progress silent() {
        return new Progress(System.err, true);
    }

    public boolean quiet() {
        return quiet;
    }

    public void stage(String name) {
        LAST_STAGE.set(tag == null ? name : name + " " + tag);
        baseStage = name;
        stage = tag == null ? name : name + " " + tag;
        stageStart = System.nanoTime();
        lastPrint = 0;
        emit("[" + stage + "] started");
        if (sink != null) {
            sink.stage(stage);
        }
    }

    /** The stage any Progress of this JVM started last (null before the first), for a message about a failure. */
    public static String lastStage() {
        return LAST_STAGE.get();
    }

    private static final java.util.concurrent.atomic.AtomicReference<String> LAST_STAGE =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Reports progress {@code fraction} in [0,1] (NaN: unknown total); {@code detail} e.g. "objective 0.01234". */
    public void update(double fraction, String detail) {
        long now = System.nanoTime();
        if (now - lastPrint < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        if (sink != null) {
            sink.update(stage, fraction, detail == null ? "" : detail);
        }
        double elapsed = (now - stageStart) / 1e9;
        if (Double.isNaN(fraction)) {
            emit(String.format(Locale.ROOT, "[%s] elapsed %s  %s", stage, formatSeconds(elapsed), detail == null ? "" : detail));
            return;
        }
        String eta = fraction > 0.001 ? formatSeconds(elapsed * (1 - fraction) / fraction) : "?";
        emit(String.format(Locale.ROOT, "[%s] %5.1f%%  elapsed %s  eta %s  %s", stage, 100 * Math.min(1, fraction),
                formatSeconds(elapsed), eta, detail == null ? "" : detail));
    }

    public void done(String detail) {
        double elapsed = (System.nanoTime() - stageStart) / 1e9;
        emit(String.format(Locale.ROOT, "[%s] done in %s  %s", stage, formatSeconds(elapsed), detail == null ? "" : detail));
        if (sink != null) {
            sink.done(stage, elapsed, detail == null ? "" : detail);
        }
    }

    public void info(String line) {
        if (tag != null && !baseStage.isEmpty() && line.startsWith("[" + baseStage + "]")) {
            line = "[" + stage + "]" + line.substring(baseStage.length() + 2);
        }
        emit(line);
        if (sink != null) {
            sink.info(line);
        }
    }

    /** Every line goes to the log (a file with --log-file) and, unless quiet, to stderr. */
    private void emit(String line) {
        LOG.info(line);
        if (!quiet) {
            out.println(line);
        }
    }

    public static String formatSeconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        long t = Math.round(s);
        if (t < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60);
    }
}
