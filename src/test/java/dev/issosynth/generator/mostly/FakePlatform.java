package dev.issosynth.generator.mostly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A MOSTLY AI platform on loopback that follows the REST contract of the flat-table flow as MOSTLY AI's Python SDK
 * (5.10.1) and OpenAPI spec document it: jobs move NEW → QUEUED → IN_PROGRESS → DONE over polls, the upload is read
 * with DuckDB (an independent Parquet reader), the download is a zip with {@code data/data.csv} written as pandas
 * writes it (integers with gaps as floats, dates as date-times, columns in another order). Errors can be injected
 * per route.
 */
final class FakePlatform implements AutoCloseable {
    static final String KEY = "mostly-test-key-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every request as "METHOD /path" (without /api/v2 and query), in order. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** The API key header of every request. */
    final List<String> keysSeen = Collections.synchronizedList(new ArrayList<>());
    volatile JsonNode lastGeneratorConfig;
    volatile JsonNode lastDatasetConfig;
    /** Polls of a job until DONE. */
    volatile int pollsToFinish = 3;
    /** If set, training fails at the TRAIN_MODEL step with this message. */
    volatile String trainingError;
    /** Route → remaining injected failures: status code, or 0 for a dropped connection. */
    private final Map<String, List<Integer>> faults = new ConcurrentHashMap<>();
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;
    private final Path work;

    /** A generator or a synthetic dataset with its job. */
    private static final class Resource {
        final String id;
        final boolean generator;
        String status = "NEW";
        int polls;
        List<String> header;
        List<List<String>> rows;
        List<String> kinds;
        JsonNode config;

        Resource(String id, boolean generator) {
            this.id = id;
            this.generator = generator;
        }
    }

    FakePlatform(Path work) throws IOException {
        this.work = work;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The next {@code statuses.length} requests of {@code route} ("GET /about") fail so: an HTTP status, 0 = a dropped
     * connection, -1 = no answer for 1.5 s (then the connection closes).
     */
    void fail(String route, Integer... statuses) {
        faults.put(route, Collections.synchronizedList(new ArrayList<>(List.of(statuses))));
    }

    /** Adds a generator as another run left it, in {@code status}, trained on {@code header}/{@code rows}. */
    String addGenerator(String status, List<String> header, List<String> kinds, List<List<String>> rows) {
        Resource g = new Resource("g-" + ids.incrementAndGet(), true);
        g.status = status;
        g.header = header;
        g.kinds = kinds;
        g.rows = rows;
        resources.put(g.id, g);
        return g.id;
    }

    boolean exists(String id) {
        return resources.containsKey(id);
    }

    String status(String id) {
        return resources.get(id).status;
    }

    /** Whether some request so far ends so (read under the list's lock: the server adds to it meanwhile). */
    boolean sawRequestEndingWith(String suffix) {
        synchronized (requests) {
            return requests.stream().anyMatch(r -> r.endsWith(suffix));
        }
    }

    long count(String request) {
        synchronized (requests) {
            return requests.stream().filter(request::equals).count();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static final Pattern GEN = Pattern.compile("/generators/([^/]+)(/.*)?");
    private static final Pattern SD = Pattern.compile("/synthetic-datasets/([^/]+)(/.*)?");

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().replaceFirst("^/api/v2", "");
            String route = ex.getRequestMethod() + " " + path;
            requests.add(route);
            keysSeen.add(String.valueOf(ex.getRequestHeaders().getFirst("X-MOSTLY-API-KEY")));
            byte[] body = ex.getRequestBody().readAllBytes();
            List<Integer> fault = faults.get(route);
            if (fault != null && !fault.isEmpty()) {
                int status = fault.remove(0);
                if (status == 0) {
                    return; // close without an answer: the client sees a dropped connection
                }
                if (status == -1) {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (status == 429) {
                    ex.getResponseHeaders().add("Retry-After", "0");
                }
                send(ex, status, Map.of("message", "injected failure " + status));
                return;
            }
            if (!KEY.equals(ex.getRequestHeaders().getFirst("X-MOSTLY-API-KEY"))) {
                send(ex, 401, Map.of("message", "Invalid API key"));
                return;
            }
            route(ex, route, path, body);
        } catch (RuntimeException | java.sql.SQLException e) {
            send(ex, 500, Map.of("message", "fake platform bug: " + e));
        }
    }

    private void route(HttpExchange ex, String route, String path, byte[] body) throws IOException, java.sql.SQLException {
        String method = ex.getRequestMethod();
        if (route.equals("GET /about")) {
            send(ex, 200, Map.of("version", "fake-1.0", "assistant", false));
            return;
        }
        if (route.equals("POST /generators")) {
            createGenerator(ex, JSON.readTree(body));
            return;
        }
        if (route.equals("POST /synthetic-datasets")) {
            createDataset(ex, JSON.readTree(body));
            return;
        }
        Matcher g = GEN.matcher(path);
        Matcher s = SD.matcher(path);
        Matcher m = g.matches() ? g : s.matches() ? s : null;
        Resource r = m == null ? null : resources.get(m.group(1));
        if (r == null || r.generator != (m == g)) {
            send(ex, 404, Map.of("detail", "not found: " + path));
            return;
        }
        String jobName = r.generator ? "training" : "generation";
        String sub = m.group(2) == null ? "" : m.group(2);
        switch (method + " " + sub.replace(jobName, "JOB")) {
            case "GET " -> send(ex, 200, resource(r));
            case "DELETE " -> {
                resources.remove(r.id);
                send(ex, 200, null);
            }
            case "POST /JOB/start" -> {
                if (!r.status.equals("NEW") && !r.status.equals("CONTINUE")) {
                    send(ex, 400, Map.of("detail", "cannot start from " + r.status));
                    return;
                }
                r.status = "QUEUED";
                send(ex, 200, null);
            }
            case "POST /JOB/cancel" -> {
                r.status = "CANCELED";
                send(ex, 200, null);
            }
            case "GET /JOB" -> send(ex, 200, poll(r));
            case "GET /download" -> download(ex, r);
            default -> send(ex, 404, Map.of("detail", "no route " + method + " " + path));
        }
    }

    private void createGenerator(HttpExchange ex, JsonNode config) throws IOException, java.sql.SQLException {
        lastGeneratorConfig = config;
        JsonNode table = config.path("tables").path(0);
        if (!table.path("name").isTextual() || !table.path("data").isTextual()) {
            send(ex, 400, Map.of("message", "tables[0] needs a name and data"));
            return;
        }
        Resource g = new Resource("g-" + ids.incrementAndGet(), true);
        g.config = config;
        Path parquet = work.resolve(g.id + ".parquet");
        Files.write(parquet, Base64.getDecoder().decode(table.path("data").asText()));
        readParquet(parquet, g);
        resources.put(g.id, g);
        send(ex, 200, resource(g));
    }

    /** Reads the upload with DuckDB into rows printed as pandas prints them. */
    private static void readParquet(Path parquet, Resource g) throws java.sql.SQLException {
        g.header = new ArrayList<>();
        g.kinds = new ArrayList<>();
        g.rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                g.header.add(md.getColumnName(c));
                g.kinds.add(md.getColumnTypeName(c));
            }
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    row.add(rs.getString(c));
                }
                g.rows.add(row);
            }
        }
    }

    private void createDataset(HttpExchange ex, JsonNode config) throws IOException {
        lastDatasetConfig = config;
        Resource g = resources.get(config.path("generatorId").asText());
        if (g == null || !g.status.equals("DONE")) {
            send(ex, 400, Map.of("message", "generator is not trained"));
            return;
        }
        Resource s = new Resource("s-" + ids.incrementAndGet(), false);
        s.config = config;
        s.header = g.header;
        s.kinds = g.kinds;
        s.rows = g.rows;
        resources.put(s.id, s);
        send(ex, 200, resource(s));
    }

    private ObjectNode resource(Resource r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id);
        n.put(r.generator ? "trainingStatus" : "generationStatus", r.status);
        if (!r.generator) {
            n.put("generatorId", r.config.path("generatorId").asText());
            n.putObject("metadata").put("shortLivedFileToken", "slft-" + r.id);
        }
        return n;
    }

    /** One poll of a job: QUEUED → IN_PROGRESS → DONE (or FAILED) as polls go by. */
    private ObjectNode poll(Resource r) {
        r.polls++;
        if (r.status.equals("QUEUED") && r.polls >= 1) {
            r.status = "IN_PROGRESS";
        }
        boolean failing = r.generator && trainingError != null;
        if (r.status.equals("IN_PROGRESS") && r.polls >= pollsToFinish) {
            r.status = failing ? "FAILED" : "DONE";
        }
        ObjectNode job = JSON.createObjectNode();
        job.put("id", "job-" + r.id);
        job.put("status", r.status);
        job.putObject("progress").put("value", Math.min(r.polls, pollsToFinish)).put("max", pollsToFinish);
        ArrayNode steps = job.putArray("steps");
        ObjectNode step = steps.addObject();
        step.put("stepCode", r.generator ? "TRAIN_MODEL" : "GENERATE_DATA");
        step.put("status", r.status);
        if (r.generator) {
            step.putArray("messages").addObject().put("epoch", (double) r.polls).put("samples", 100 * r.polls)
                    .put("val_loss", 10.0 / r.polls).put("is_checkpoint", 1);
        }
        if (r.status.equals("FAILED")) {
            step.put("errorMessage", trainingError);
        }
        return job;
    }

    private void download(HttpExchange ex, Resource s) throws IOException {
        String query = String.valueOf(ex.getRequestURI().getQuery());
        if (!query.contains("format=CSV") || !query.contains("slft=slft-" + s.id)) {
            send(ex, 403, Map.of("message", "bad format or file token: " + query));
            return;
        }
        JsonNode table = s.config.path("tables").path(0);
        int size = table.path("configuration").path("sampleSize").asInt();
        Random rng = new Random(s.config.path("randomState").asLong());
        int cols = s.header.size();
        List<Integer> order = new ArrayList<>();
        for (int c = cols - 1; c >= 0; c--) {
            order.add(c); // reversed: the client must re-order by name
        }
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", order.stream().map(s.header::get).toList())).append('\n');
        boolean[] hasNull = new boolean[cols];
        for (List<String> row : s.rows) {
            for (int c = 0; c < cols; c++) {
                hasNull[c] |= row.get(c) == null;
            }
        }
        for (int i = 0; i < size; i++) {
            List<String> row = s.rows.get(rng.nextInt(s.rows.size()));
            List<String> cells = new ArrayList<>();
            for (int c : order) {
                cells.add(pandas(row.get(c), s.kinds.get(c), hasNull[c]));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry(table.path("name").asText() + "/" + table.path("name").asText() + ".csv"));
            z.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        ex.getResponseHeaders().add("Content-Type", "application/zip");
        ex.sendResponseHeaders(200, zip.size());
        try (OutputStream out = ex.getResponseBody()) {
            zip.writeTo(out);
        }
    }

    /** A cell as pandas' to_csv writes it: nullable integers as floats, dates as midnight date-times. */
    private static String pandas(String v, String kind, boolean columnHasNull) {
        if (v == null) {
            return "";
        }
        return switch (kind) {
            case "BIGINT" -> columnHasNull ? v + ".0" : v;
            case "DATE" -> v + " 00:00:00";
            case "BOOLEAN" -> v.equals("true") ? "True" : "False";
            case "VARCHAR" -> v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
            default -> v;
        };
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MOSTLY_API_KEY", KEY);
        env.put("MOSTLY_BASE_URL", baseUrl());
        return env;
    }
}
