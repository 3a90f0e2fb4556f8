package dev.issosynth.generator.mostly;

import dev.issosynth.generator.argn.ArgnSettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.issosynth.generator.ExternalModelException;
import dev.issosynth.generator.ExternalPool;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.WorkFolder;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.util.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --generator mostly}: the pool from MOSTLY AI's TabularARGN on the platform. Uploads the training table as
 * Parquet, trains a generator, samples {@code rows}, downloads the CSV and brings it into the training file's shape.
 * The generator's id is printed as soon as it exists, so an interrupted run can be resumed with
 * {@code --generator-id}. Ctrl-C or {@code --remote-timeout-minutes} cancel the running remote job.
 */
public final class MostlyPlatformGenerator implements PoolGenerator {
    public static final String NAME = "mostly";
    public static final String DEFAULT_BASE_URL = "https://app.mostly.ai";
    static final String TABLE = "data";

    private final ArgnSettings model;
    private final MostlySettings settings;
    private final Map<String, String> env;
    private final Duration pollInterval;
    private final MostlyApi.Retry retry;
    private final Duration requestTimeout;

    public MostlyPlatformGenerator(ArgnSettings model, MostlySettings settings) {
        this(model, settings, System.getenv(), Duration.ofSeconds(2), MostlyApi.Retry.standard(),
                Duration.ofSeconds(60));
    }

    /** With the environment, poll interval, retries and request timeout of a test. */
    MostlyPlatformGenerator(ArgnSettings model, MostlySettings settings, Map<String, String> env,
            Duration pollInterval, MostlyApi.Retry retry, Duration requestTimeout) {
        this.model = model;
        this.settings = settings;
        this.env = env;
        this.pollInterval = pollInterval;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reportsOwnStages() {
        return true;
    }

    /** The platform address: {@code --base-url}, else {@code MOSTLY_BASE_URL}, else the public platform. */
    URI baseUrl() {
        String url = settings.baseUrl() != null ? settings.baseUrl() : env.getOrDefault("MOSTLY_BASE_URL", "");
        url = url.isBlank() ? DEFAULT_BASE_URL : url.strip();
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ExternalModelException("MOSTLY AI base URL must be http(s)://host[:port]: " + url);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ExternalModelException("MOSTLY AI base URL is not a URL: " + url);
        }
    }

    @Override
    public void generate(TrainingTable training, long rows, long seed, PoolOutput out, Progress progress) {
        if (rows > Integer.MAX_VALUE) {
            throw new ExternalModelException("MOSTLY AI samples at most " + Integer.MAX_VALUE + " rows per dataset: " + rows);
        }
        MostlyApi api = new MostlyApi(baseUrl(), ApiKey.resolve(settings.apiKeyFile(), env), requestTimeout, retry);
        Job job = new Job(api, progress, settings.timeout());
        try (WorkFolder work = WorkFolder.create("issosynth-mostly-", "the MOSTLY AI upload and download");
             Job.Interruptible guard = job.cancelOnShutdown()) {
            try {
                run(job, training, rows, seed, out, work.path());
            } catch (InterruptedException e) {
                // cancel before the clean-up that closing the guard does
                throw new ExternalModelException(job.stopped("interrupted"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("MOSTLY AI run: cannot read or write its work files: " + e.getMessage(), e);
        }
    }

    private void run(Job job, TrainingTable training, long rows, long seed, PoolOutput out, Path work)
            throws InterruptedException, IOException {
        MostlyApi api = job.api;
        Progress p = job.progress;
        p.stage("mostly connect");
        JsonNode about = api.get("/about");
        p.done("platform " + about.path("version").asText("?") + " at " + api.host());

        String generatorId = settings.generatorId();
        boolean created = generatorId == null;
        if (created) {
            p.stage("mostly upload");
            Path parquet = work.resolve("train.parquet");
            ParquetTable.write(training, parquet);
            byte[] bytes = Files.readAllBytes(parquet);
            JsonNode g = api.post("/generators", generatorConfig(training.raw(), bytes, seed), MostlyApi.Effect.CREATES);
            generatorId = requireId(g, "generator");
            p.done(String.format(Locale.ROOT, "%,d rows x %d columns, %,d bytes of Parquet; generator %s",
                    training.rowCount(), training.columnCount(), bytes.length, generatorId));
            p.info("[mostly] generator " + generatorId + " created; an interrupted run resumes with --generator-id "
                    + generatorId);
        }
        job.generator(generatorId, created && !settings.keepGenerator());
        train(job, generatorId);

        JsonNode sd = api.post("/synthetic-datasets", datasetConfig(generatorId, rows, seed), MostlyApi.Effect.CREATES);
        String datasetId = requireId(sd, "synthetic dataset");
        job.dataset(datasetId);
        api.post("/synthetic-datasets/" + datasetId + "/generation/start", null, MostlyApi.Effect.IDEMPOTENT);
        job.await("/synthetic-datasets/" + datasetId, "generation", "generationStatus", "mostly generate");

        p.stage("mostly download");
        JsonNode done = api.get("/synthetic-datasets/" + datasetId);
        String token = done.path("metadata").path("shortLivedFileToken").asText("");
        Path zip = work.resolve("pool.zip");
        api.download("/synthetic-datasets/" + datasetId + "/download?format=CSV"
                + (token.isEmpty() ? "" : "&slft=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), zip);
        Path raw = work.resolve("pool.csv");
        PoolZip.extractTable(zip, TABLE, raw);
        long written = ExternalPool.normalise(training, raw, out);
        p.done(String.format(Locale.ROOT, "%,d rows (%,d bytes zipped)", written, Files.size(zip)));
        if (written != rows) {
            p.info(String.format(Locale.ROOT, "[mostly] warning: asked for %,d rows, the platform delivered %,d",
                    rows, written));
        }
        job.finish();
    }

    /** Trains the generator unless it is trained already; resumes polling if it is training now. */
    private void train(Job job, String generatorId) throws InterruptedException {
        String path = "/generators/" + generatorId;
        String status = job.api.get(path).path("trainingStatus").asText("");
        switch (status) {
            case "DONE" -> {
                job.progress.info("[mostly] generator " + generatorId + " is trained; sampling from it");
                return;
            }
            case "NEW", "CONTINUE" -> job.api.post(path + "/training/start", null, MostlyApi.Effect.IDEMPOTENT);
            case "QUEUED", "IN_PROGRESS", "ON_HOLD" ->
                    job.progress.info("[mostly] generator " + generatorId + " is training (" + status + "); following it");
            case "FAILED", "CANCELED" -> throw new ExternalModelException("MOSTLY AI generator " + generatorId
                    + " training is " + status + "; drop --generator-id to train a new one");
            default -> throw new ExternalModelException("MOSTLY AI generator " + generatorId
                    + " has an unknown training status '" + status + "'");
        }
        job.await(path, "training", "trainingStatus", "mostly train");
    }

    /** The generator body: one table, the model knobs shared with argn, no model report (it only costs time). */
    Map<String, Object> generatorConfig(RawTable train, byte[] parquet, long seed) {
        Map<String, Object> tabular = new LinkedHashMap<>();
        String size = model.size().name();
        tabular.put("model", "MOSTLY_AI/" + size.charAt(0) + size.substring(1).toLowerCase(Locale.ROOT));
        if (model.maxTrainingMinutes() > 0) {
            tabular.put("maxTrainingTime", model.maxTrainingMinutes());
        }
        tabular.put("maxEpochs", model.maxEpochs());
        tabular.put("enableFlexibleGeneration", !model.fixedOrder());
        tabular.put("valueProtection", model.valueProtection());
        // rare categories drawn from the frequent ones instead of a literal _RARE_ the selection could never match
        tabular.put("rareCategoryReplacementMethod", "SAMPLE");
        tabular.put("enableModelReport", false);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", TABLE);
        table.put("data", Base64.getEncoder().encodeToString(parquet));
        table.put("tabularModelConfiguration", tabular);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "issosynth pool " + train.rowCount() + "x" + train.columnCount());
        body.put("description", "created by issosynth --generator mostly");
        body.put("randomState", randomState(seed));
        body.put("tables", List.of(table));
        return body;
    }

    Map<String, Object> datasetConfig(String generatorId, long rows, long seed) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("sampleSize", rows);
        configuration.put("samplingTemperature", model.temperature());
        configuration.put("samplingTopP", model.topP());
        configuration.put("enableDataReport", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatorId", generatorId);
        body.put("name", "issosynth pool of " + rows + " rows");
        body.put("randomState", randomState(seed));
        body.put("tables", List.of(Map.of("name", TABLE, "configuration", configuration)));
        return body;
    }

    /** The platform's random state is a non-negative 32-bit int. */
    static int randomState(long seed) {
        return seed >= 0 && seed <= Integer.MAX_VALUE ? (int) seed : (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    private static String requireId(JsonNode node, String what) {
        String id = node.path("id").asText("");
        if (id.isEmpty()) {
            throw new ExternalModelException("MOSTLY AI created a " + what + " but sent no id");
        }
        return id;
    }

    /**
     * The remote side of one run: polls jobs with progress, and on Ctrl-C, timeout or failure cancels the running job
     * and deletes what the run created (a generator given with --generator-id, or kept, stays).
     */
    final class Job {
        final MostlyApi api;
        final Progress progress;
        private final long deadline;
        private final Duration timeout;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean userInterrupt;
        /** What {@link #stopped} did, for the shutdown hook to print: the JVM may halt before the CLI prints it. */
        private volatile String stopOutcome;
        private String generatorId;
        private boolean deleteGenerator;
        private String datasetId;
        private String runningJob; // "/generators/ID/training" while it runs
        private boolean succeeded;

        Job(MostlyApi api, Progress progress, Duration timeout) {
            this.api = api;
            this.progress = progress;
            this.timeout = timeout;
            this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        }

        void generator(String id, boolean deleteAtEnd) {
            generatorId = id;
            deleteGenerator = deleteAtEnd;
        }

        void dataset(String id) {
            datasetId = id;
        }

        void finish() {
            succeeded = true;
        }

        /** Polls {@code resource/kind} until the job ends; DONE returns, anything else throws. */
        void await(String resource, String kind, String statusField, String stage) throws InterruptedException {
            progress.stage(stage);
            runningJob = resource + "/" + kind;
            while (true) {
                JsonNode jp = api.get(runningJob);
                String status = jp.path("status").asText("");
                progress.update(fraction(jp), describe(jp));
                if (status.equals("DONE") || status.equals("FAILED") || status.equals("CANCELED")) {
                    runningJob = null;
                    String finalStatus = api.get(resource).path(statusField).asText(status);
                    if (!finalStatus.equals("DONE")) {
                        throw new ExternalModelException("MOSTLY AI " + kind + " of " + resource.substring(1) + " "
                                + finalStatus + failedStep(jp));
                    }
                    progress.done(describe(jp));
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new ExternalModelException(stopped("gave up after --remote-timeout-minutes "
                            + String.format(Locale.ROOT, "%.1f", timeout.toMillis() / 60000.0)));
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }

        /** Cancels the running job (if any) and says what happened, for the error message. */
        String stopped(String why) {
            Thread.interrupted(); // the cancel request itself must not be interrupted
            String job = runningJob;
            runningJob = null;
            String outcome;
            if (job == null) {
                outcome = "MOSTLY AI run " + why;
            } else {
                try {
                    api.post(job + "/cancel", null, MostlyApi.Effect.IDEMPOTENT);
                    outcome = "MOSTLY AI run " + why + "; cancelled " + job.substring(1);
                } catch (RuntimeException | InterruptedException e) {
                    outcome = "MOSTLY AI run " + why + "; could not cancel " + job.substring(1) + ": " + e.getMessage();
                }
            }
            stopOutcome = outcome;
            return outcome;
        }

        /** Deletes the dataset, and the generator unless it was given or is kept; tells how to resume otherwise. */
        private void cleanUp() {
            Thread.interrupted();
            if (datasetId != null) {
                deleteQuietly("/synthetic-datasets/" + datasetId);
            }
            if (generatorId == null) {
                return;
            }
            boolean remoteStillWorks = !succeeded && runningJob != null;
            if (deleteGenerator && !remoteStillWorks) {
                deleteQuietly("/generators/" + generatorId);
            } else if (!succeeded) {
                progress.info("[mostly] generator " + generatorId + " is kept; resume with --generator-id " + generatorId);
            }
        }

        private void deleteQuietly(String path) {
            try {
                api.delete(path);
            } catch (RuntimeException | InterruptedException e) {
                progress.info("[mostly] warning: could not delete " + path.substring(1) + ": " + e.getMessage());
            }
        }

        /** Registers a shutdown hook that interrupts this thread and waits for the cancel and clean-up. */
        Interruptible cancelOnShutdown() {
            Thread worker = Thread.currentThread();
            Thread hook = new Thread(() -> {
                userInterrupt = true;
                worker.interrupt();
                try {
                    if (finished.await(30, TimeUnit.SECONDS) && stopOutcome != null) {
                        progress.info("[mostly] " + stopOutcome);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "issosynth-mostly-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    cleanUp();
                } finally {
                    finished.countDown();
                    if (!userInterrupt) {
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException e) {
                            // the JVM is shutting down already
                        }
                    }
                }
            };
        }

        /** Closing cleans up; no checked exception. */
        interface Interruptible extends AutoCloseable {
            @Override
            void close();
        }
    }

    static double fraction(JsonNode job) {
        JsonNode pr = job.path("progress");
        double max = pr.path("max").asDouble(0);
        return max > 0 ? Math.min(1, pr.path("value").asDouble(0) / max) : Double.NaN;
    }

    /** "IN_PROGRESS TRAIN_MODEL epoch 3.0 val loss 12.3456" from a JobProgress. */
    static String describe(JsonNode job) {
        StringBuilder s = new StringBuilder(job.path("status").asText("?"));
        JsonNode current = null;
        for (JsonNode step : job.path("steps")) {
            String st = step.path("status").asText("");
            if (st.equals("IN_PROGRESS") || st.equals("FAILED") || current == null && !st.equals("DONE")) {
                current = step;
                if (!st.equals("NEW") && !st.equals("QUEUED")) {
                    break;
                }
            }
        }
        if (current != null) {
            s.append(' ').append(current.path("stepCode").asText("?"));
            JsonNode messages = current.path("messages");
            if (messages.isArray() && messages.size() > 0) {
                JsonNode last = messages.get(messages.size() - 1);
                if (last.has("epoch")) {
                    s.append(String.format(Locale.ROOT, " epoch %.1f", last.path("epoch").asDouble()));
                }
                if (last.has("val_loss")) {
                    s.append(String.format(Locale.ROOT, " val loss %.4f", last.path("val_loss").asDouble()));
                }
            }
        }
        return s.toString();
    }

    /** ": step X failed: message" for a FAILED job, else "". */
    static String failedStep(JsonNode job) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("status").asText("").equals("FAILED")) {
                String msg = step.path("errorMessage").asText("").replaceAll("\\s+", " ").trim();
                return ": step " + step.path("stepCode").asText("?") + " failed"
                        + (msg.isEmpty() ? "" : ": " + msg);
            }
        }
        return "";
    }
}
