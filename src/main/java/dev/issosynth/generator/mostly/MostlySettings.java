package dev.issosynth.generator.mostly;

import dev.issosynth.generator.argn.ArgnSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The options of the two MOSTLY AI generators that the embedded generator does not have. The model knobs they share
 * with {@code argn} (size, epochs, training minutes, value protection, fixed order, temperature, top-p) come from
 * {@link dev.issosynth.generator.argn.ArgnSettings}.
 *
 * @param apiKeyFile    file holding the platform API key (null: {@code MOSTLY_API_KEY}); never the key itself
 * @param generatorId   sample from this existing platform generator instead of training one (null: train)
 * @param keepGenerator keep the platform generator after sampling (it is deleted otherwise, unless it was given)
 * @param python        interpreter for {@code mostly-local} (default {@code python3} on the PATH)
 * @param timeout       wall-clock limit for the whole remote or bridged job (null: none)
 * @param baseUrl       platform address (null: {@code MOSTLY_BASE_URL}, else {@code https://app.mostly.ai})
 */
public record MostlySettings(Path apiKeyFile, String generatorId, boolean keepGenerator, String python,
        Duration timeout, String baseUrl) {
    public static final String DEFAULT_PYTHON = "python3";

    public MostlySettings {
        if (python == null || python.isBlank()) {
            python = DEFAULT_PYTHON;
        }
    }

    public static MostlySettings defaults() {
        return new MostlySettings(null, null, false, DEFAULT_PYTHON, null, null);
    }
}
