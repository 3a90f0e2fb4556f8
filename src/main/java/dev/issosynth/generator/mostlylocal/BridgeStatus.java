package dev.issosynth.generator.mostlylocal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bridge's result: the last line it prints on stdout, {@code {"status":"DONE","rows":N,"backend":...,
 * "generatorId":...}} or {@code {"status":"FAILED","error":"..."}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BridgeStatus(String status, Long rows, String backend, String generatorId, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status in {@code line}, or null if it is not a status line (e.g. the bridge died before printing one). */
    static BridgeStatus parse(String line) {
        if (line == null || !line.startsWith("{")) {
            return null;
        }
        try {
            BridgeStatus s = JSON.readValue(line, BridgeStatus.class);
            return s.status() == null ? null : s;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    boolean done() {
        return "DONE".equals(status);
    }
}
