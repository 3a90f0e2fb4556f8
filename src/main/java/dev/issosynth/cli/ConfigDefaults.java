package dev.issosynth.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Default values from properties files, keyed by the option's long name without dashes
 * ({@code oversize-factor=1.25}). Layers, later wins: the annotation defaults, config/issosynth.properties
 * (in the working directory, else in the folder above the jar's folder, i.e. the checkout when run as
 * target/issosynth.jar), the file given with {@code --config}; command-line flags override them all.
 * A key that is no option of any command is an error, so a typo cannot be silently ignored.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    static final String FILE = "config/issosynth.properties";
    /** Options that make no sense as defaults. */
    static final Set<String> NOT_CONFIGURABLE = Set.of("help", "version", "config");

    private final Properties props;
    /** key -> the file that set it last (for error messages). */
    private final Map<String, Path> origin;

    private ConfigDefaults(Properties props, Map<String, Path> origin) {
        this.props = props;
        this.origin = origin;
    }

    static ConfigDefaults load(Path explicit) {
        Properties p = new Properties();
        Map<String, Path> origin = new LinkedHashMap<>();
        Path standard = standardFile();
        if (standard != null) {
            read(standard, p, origin);
        }
        if (explicit != null) {
            if (Files.isDirectory(explicit)) {
                throw new IllegalArgumentException(explicit + ": config file is a directory");
            }
            if (!Files.isRegularFile(explicit)) {
                throw new IllegalArgumentException(explicit + ": config file not found");
            }
            read(explicit, p, origin);
        }
        return new ConfigDefaults(p, origin);
    }

    static Path standardFile() {
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

    static Properties read(Path file) {
        Properties p = new Properties();
        read(file, p, new LinkedHashMap<>());
        return p;
    }

    private static void read(Path file, Properties into, Map<String, Path> origin) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot read config file: " + e.getMessage());
        }
        for (String k : p.stringPropertyNames()) {
            into.setProperty(k.trim(), p.getProperty(k));
            origin.put(k.trim(), file);
        }
    }

    /** The config key of an option: its longest name without leading dashes. */
    static String key(CommandLine.Model.OptionSpec opt) {
        return opt.longestName().replaceFirst("^-+", "");
    }

    /** Every config key that some (sub)command of {@code root} accepts. */
    static Set<String> knownKeys(CommandLine root) {
        Set<String> keys = new TreeSet<>();
        collect(root, keys);
        return keys;
    }

    private static void collect(CommandLine cmd, Set<String> keys) {
        for (CommandLine.Model.OptionSpec opt : cmd.getCommandSpec().options()) {
            String k = key(opt);
            if (!NOT_CONFIGURABLE.contains(k)) {
                keys.add(k);
            }
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            collect(sub, keys);
        }
    }

    /** Fails (one line naming the file and the key) on a key that is no option of any command. */
    void checkKeys(CommandLine root) {
        Set<String> known = knownKeys(root);
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(origin.get(k) + ": unknown key '" + k
                        + "' (keys are long option names without dashes, e.g. oversize-factor)");
            }
        }
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof CommandLine.Model.OptionSpec opt) {
            String k = key(opt);
            if (NOT_CONFIGURABLE.contains(k)) {
                return null;
            }
            String value = props.getProperty(k);
            return value == null ? null : value.trim();
        }
        return null;
    }

    Properties properties() {
        return props;
    }
}
