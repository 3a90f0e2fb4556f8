package dev.issosynth.generator.mostly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.issosynth.generator.ExternalModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform's REST API ({@code <base>/api/v2}) over JSON: the key in {@code X-MOSTLY-API-KEY}, retries with
 * exponential backoff on 429, 5xx, timeouts and dropped connections, and one-line errors that carry the server's
 * message. A request that creates something is retried only when the server cannot have acted on it (429, 503, no
 * connection), so a retry never makes a second generator.
 */
final class MostlyApi {
    private static final Logger LOG = LoggerFactory.getLogger(MostlyApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** How often and how long to retry. */
    record Retry(int attempts, Duration firstDelay, Duration maxDelay) {
        static Retry standard() {
            return new Retry(6, Duration.ofSeconds(1), Duration.ofSeconds(30));
        }
    }

    /** Whether a request may be repeated after the server may have acted on it. */
    enum Effect { IDEMPOTENT, CREATES }

    private final URI api;
    private final String apiKey;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Retry retry;

    MostlyApi(URI baseUrl, String apiKey, Duration requestTimeout, Retry retry) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.api = URI.create(base.endsWith("/api/v2") ? base : base + "/api/v2");
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.requestTimeout = requestTimeout;
        this.retry = retry;
    }

    /** The platform's host name, for messages. */
    String host() {
        return api.getHost();
    }

    JsonNode get(String path) throws InterruptedException {
        return json(send(request(path).GET(), Effect.IDEMPOTENT, path, HttpResponse.BodyHandlers.ofByteArray()));
    }

    JsonNode post(String path, Object body, Effect effect) throws InterruptedException {
        byte[] bytes = body == null ? new byte[0] : toJson(body);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        // an upload of the training table takes its time: one more second per 256 KiB on top of the usual timeout
        Duration timeout = requestTimeout.plusSeconds(bytes.length / (256L * 1024));
        return json(send(request(path).timeout(timeout).header("Content-Type", "application/json").POST(publisher),
                effect, path, HttpResponse.BodyHandlers.ofByteArray()));
    }

    void delete(String path) throws InterruptedException {
        send(request(path).DELETE(), Effect.IDEMPOTENT, path, HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Streams the body of a GET into {@code target} (replacing it). Bodies are always read completely inside
     * {@code send}: reading a streamed body later does not notice an interrupt on JDK 17, so Ctrl-C could hang.
     */
    void download(String path, Path target) throws InterruptedException {
        send(request(path).header("Accept", "application/zip, */*").GET(), Effect.IDEMPOTENT, path,
                HttpResponse.BodyHandlers.ofFile(target));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(requestTimeout)
                .header("X-MOSTLY-API-KEY", apiKey).header("Accept", "application/json")
                .header("User-Agent", "issosynth");
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder builder, Effect effect, String path,
            HttpResponse.BodyHandler<T> handler) throws InterruptedException {
        HttpRequest req = builder.build();
        String what = req.method() + " " + path;
        Duration timeout = req.timeout().orElse(requestTimeout);
        String within = timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
        for (int attempt = 1; ; attempt++) {
            String failure;
            Duration wait = null;
            try {
                HttpResponse<T> r = http.send(req, withErrorText(handler));
                int status = r.statusCode();
                if (status / 100 == 2) {
                    return r;
                }
                String message = serverMessage(r.body());
                if (!retryable(status, effect)) {
                    throw new ExternalModelException(describe(status, what, message));
                }
                failure = "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
                wait = retryAfter(r).orElse(null);
            } catch (ConnectException e) {
                failure = "cannot connect to " + api.getHost() + ":" + port() + " (" + e.getClass().getSimpleName() + ")";
            } catch (HttpTimeoutException e) {
                if (effect == Effect.CREATES) {
                    throw new ExternalModelException("MOSTLY AI did not answer " + what + " within " + within, e);
                }
                failure = "no answer within " + within;
            } catch (IOException e) {
                if (effect == Effect.CREATES) {
                    throw new ExternalModelException("MOSTLY AI connection broke during " + what + ": " + e, e);
                }
                failure = "connection broke (" + e.getMessage() + ")";
            }
            if (attempt >= retry.attempts()) {
                throw new ExternalModelException("MOSTLY AI " + what + " failed " + attempt + " times, last: " + failure);
            }
            Duration delay = wait != null ? wait : backoff(attempt);
            LOG.warn("MOSTLY AI {}: {}; retry {} of {} in {} ms", what, failure, attempt, retry.attempts() - 1,
                    delay.toMillis());
            Thread.sleep(delay.toMillis());
        }
    }

    private int port() {
        return api.getPort() >= 0 ? api.getPort() : "http".equals(api.getScheme()) ? 80 : 443;
    }

    private static boolean retryable(int status, Effect effect) {
        if (status == 429 || status == 503) {
            return true; // the server refused before acting
        }
        return effect == Effect.IDEMPOTENT && (status == 500 || status == 502 || status == 504);
    }

    /** The doubling delay before retry {@code attempt}, capped, with up to 25 % random jitter. */
    Duration backoff(int attempt) {
        long base = retry.firstDelay().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(base, retry.maxDelay().toMillis());
        return Duration.ofMillis(capped + (long) (capped * 0.25 * Math.random()));
    }

    /** A {@code Retry-After} in seconds, capped by the longest backoff. */
    private Optional<Duration> retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                Duration wait = Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
                return Optional.of(wait.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String describe(int status, String what, String message) {
        String head = switch (status) {
            case 401 -> "MOSTLY AI rejected the API key (HTTP 401); check MOSTLY_API_KEY or --api-key-file";
            case 403 -> "MOSTLY AI denied " + what + " (HTTP 403)";
            case 404 -> "MOSTLY AI has no such resource: " + what + " (HTTP 404)";
            case 400, 422 -> "MOSTLY AI refused " + what + " (HTTP " + status + ")";
            default -> "MOSTLY AI failed on " + what + " (HTTP " + status + ")";
        };
        return message.isEmpty() ? head : head + ": " + message;
    }

    /** Reads the body of any failed response as text (up to its end), whatever the caller's handler does. */
    @SuppressWarnings("unchecked")
    private static <T> HttpResponse.BodyHandler<T> withErrorText(HttpResponse.BodyHandler<T> handler) {
        return info -> info.statusCode() / 100 == 2 ? handler.apply(info)
                : (HttpResponse.BodySubscriber<T>) HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    /** The error text of a failed response: JSON {@code message} or {@code detail}, else the start of the body. */
    private static String serverMessage(Object errorBody) {
        String body = errorBody instanceof String text ? text.strip() : "";
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : new String[] {"message", "detail"}) {
                JsonNode m = node == null ? null : node.get(field);
                if (m != null && !m.isNull()) {
                    return oneLine(m.isTextual() ? m.asText() : m.toString());
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        return oneLine(body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        try {
            byte[] bytes = r.body();
            if (bytes.length == 0) {
                return NullNode.getInstance();
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ExternalModelException("MOSTLY AI sent a response that is not JSON for "
                    + r.request().method() + " " + r.uri().getPath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MostlyApi[%s]", api);
    }
}
