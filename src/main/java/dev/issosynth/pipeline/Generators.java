package dev.issosynth.pipeline;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.IndependentGenerator;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.mostly.MostlyPlatformGenerator;
import dev.issosynth.generator.mostly.MostlySettings;
import dev.issosynth.generator.mostlylocal.MostlyLocalGenerator;

import java.util.List;

/** The generators known by name. {@code pool} is not a model: it means "use the file given with --pool". */
public final class Generators {
    public static final String POOL = "pool";
    public static final List<String> NAMES = List.of("argn", "mostly", "mostly-local", IndependentGenerator.NAME, POOL);

    private Generators() {
    }

    /** The generator of that name; IllegalArgumentException with a usable message for unknown/unavailable ones. */
    public static PoolGenerator create(String name) {
        return create(name, ArgnSettings.defaults());
    }

    /** As {@link #create(String)}, with the options of {@code argn} (ignored by the other generators). */
    public static PoolGenerator create(String name, ArgnSettings argnOptions) {
        return create(name, argnOptions, MostlySettings.defaults());
    }

    /**
     * As {@link #create(String)}: {@code argnOptions} carry the model knobs every model generator shares, {@code mostly}
     * the options only the MOSTLY AI generators have.
     */
    public static PoolGenerator create(String name, ArgnSettings argnOptions, MostlySettings mostly) {
        return switch (name) {
            case IndependentGenerator.NAME -> new IndependentGenerator();
            case ArgnGenerator.NAME -> new ArgnGenerator(argnOptions);
            case MostlyPlatformGenerator.NAME -> new MostlyPlatformGenerator(argnOptions, mostly);
            case MostlyLocalGenerator.NAME -> new MostlyLocalGenerator(argnOptions, mostly);
            case POOL -> throw new IllegalArgumentException("generator 'pool' takes an existing file: pass --pool POOL.csv");
            default -> throw new IllegalArgumentException("unknown generator '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
