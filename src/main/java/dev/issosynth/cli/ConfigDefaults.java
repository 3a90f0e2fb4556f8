package dev.issosynth.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Default values from properties files, keyed by the option's long name without dashes
 * ({@code oversize-factor=1.25}). Layers, later wins: the annotation defaults, config/issosynth.properties
 * (in the working directory, else next to the jar), the file given with {@code --config}; command-line
 * flags override them all.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    static final String FILE = "config/issosynth.properties";
    private final Properties props;

    private ConfigDefaults(Properties props) {
        this.props = props;
    }

    static ConfigDefaults load(Path explicit) {
        Properties p = new Properties();
        Path standard = standardFile();
        if (standard != null) {
            read(standard, p);
        }
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new IllegalArgumentException("config file not found: " + explicit);
            }
            read(explicit, p);
        }
        return new ConfigDefaults(p);
    }

    private static Path standardFile() {
        Path here = Path.of(FILE);
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(ConfigDefaults.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path besideJar = jar.getParent() == null ? null : jar.getParent().resolveSibling(FILE);
            return besideJar != null && Files.isRegularFile(besideJar) ? besideJar : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static void read(Path file, Properties into) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec opt) {
            String value = props.getProperty(opt.longestName().replaceFirst("^-+", ""));
            return value == null ? null : value.trim();
        }
        return null;
    }

    Properties properties() {
        return props;
    }
}
