package dev.issosynth.generator.mostlylocal;

import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeProgressTest {
    @Test
    void progressLinesDriveTheStagesAndOtherLinesAreLeftAlone() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        progress.stage(BridgeProgress.TRAIN);
        BridgeProgress bp = new BridgeProgress(progress);

        assertTrue(bp.test("{\"progress\": {\"stage\": \"train\", \"fraction\": 0.25, \"message\": \"TRAIN_MODEL\"}}"));
        assertFalse(bp.test("UserWarning: torch is slow today"));
        assertFalse(bp.test("{\"progress\": not json"));
        assertTrue(bp.test("{\"progress\": {\"stage\": \"generate\", \"fraction\": null, \"message\": \"5 rows\"}}"));

        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines()
                .map(l -> l.replaceAll("[0-9.]+s", "Ts").strip()).toList();
        assertEquals(List.of("[train mostly-local] started",
                "[train mostly-local]  25.0%  elapsed Ts  eta Ts  TRAIN_MODEL",
                "[train mostly-local] done in Ts",
                "[generate mostly-local] started",
                "[generate mostly-local] elapsed Ts  5 rows"), lines);
    }
}
