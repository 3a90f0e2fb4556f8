package dev.issosynth.generator.mostly;

import dev.issosynth.generator.ExternalModelException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Finds the platform API key: a file named by the user, else {@code MOSTLY_API_KEY}. The key is never printed. */
final class ApiKey {
    static final String ENV = "MOSTLY_API_KEY";

    private ApiKey() {
    }

    static String resolve(Path file, Map<String, String> env) {
        if (file != null) {
            String key;
            try {
                key = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new ExternalModelException("--api-key-file " + file + " does not exist");
            } catch (IOException e) {
                throw new ExternalModelException("cannot read --api-key-file " + file + ": " + e.getMessage(), e);
            }
            if (key.isEmpty() || key.contains("\n")) {
                throw new ExternalModelException("--api-key-file " + file + " must hold the API key on one line");
            }
            return key;
        }
        String key = env.get(ENV);
        if (key == null || key.isBlank()) {
            throw new ExternalModelException("no MOSTLY AI API key: set " + ENV + " or pass --api-key-file FILE "
                    + "(keys are made under Settings > API keys on the platform)");
        }
        return key.strip();
    }
}
