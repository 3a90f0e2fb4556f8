package dev.issosynth.generator.mostlylocal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.issosynth.util.Progress;

import java.util.function.Predicate;

/**
 * Turns the bridge's progress lines ({@code {"progress": {"stage": "train", "fraction": 0.4, "message": "..."}}} on
 * stderr) into {@link Progress} stages {@code [train mostly-local]} and {@code [generate mostly-local]}; answers
 * false for every other line. Starts in the train stage, which the caller has opened.
 */
final class BridgeProgress implements Predicate<String> {
    static final String TRAIN = "train " + MostlyLocalGenerator.NAME;
    private static final String PREFIX = "{\"progress\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Progress progress;
    private String stage = TRAIN;

    BridgeProgress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public boolean test(String line) {
        if (!line.startsWith(PREFIX)) {
            return false;
        }
        JsonNode p;
        try {
            p = JSON.readTree(line).path("progress");
        } catch (JsonProcessingException e) {
            return false;
        }
        String next = p.path("stage").asText("train") + " " + MostlyLocalGenerator.NAME;
        if (!next.equals(stage)) {
            progress.done("");
            progress.stage(next);
            stage = next;
        }
        JsonNode fraction = p.path("fraction");
        progress.update(fraction.isNumber() ? fraction.asDouble() : Double.NaN, p.path("message").asText(""));
        return true;
    }
}
