package dev.issosynth;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of the main code, read from its source: every reference to another package of the project
 * (an import or a qualified name) must point to a lower floor, and no group of packages may refer to each other
 * in a circle. Floors, top down: cli and api (side by side, neither referring to the other); pipeline; report; generator, selection, quality (side by side, none
 * referring to another); schema, math; io, util.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Map<String, Integer> FLOOR = Map.ofEntries(
            Map.entry("cli", 7), Map.entry("api", 7), Map.entry("pipeline", 6), Map.entry("report", 5),
            Map.entry("generator", 4), Map.entry("selection", 4), Map.entry("quality", 4),
            Map.entry("schema", 2), Map.entry("math", 2),
            Map.entry("io", 1), Map.entry("util", 1));
    private static final Pattern REFERENCE = Pattern.compile("dev\\.issosynth((?:\\.[a-z][a-z0-9]*)+)(?=\\.[A-Z*])");

    /** package -> the project packages its files refer to. */
    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("dev/issosynth"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
                Set<String> refs = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    String target = "dev.issosynth" + m.group(1);
                    if (!target.equals(pkg)) {
                        refs.add(target);
                    }
                }
            }
        }
        return g;
    }

    /** The top-level package under dev.issosynth ("generator" for dev.issosynth.generator.argn.model). */
    private static String top(String pkg) {
        String rest = pkg.substring("dev.issosynth.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void everyPackageHasAFloor() throws IOException {
        Set<String> unknown = new TreeSet<>();
        for (String pkg : graph().keySet()) {
            if (pkg.startsWith("dev.issosynth.") && !FLOOR.containsKey(top(pkg))) {
                unknown.add(pkg);
            }
        }
        assertEquals(Set.of(), unknown, "packages without a floor in this test (give them one)");
    }

    @Test
    void everyPackageSaysWhatItOwnsAndMayImport() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (String pkg : graph().keySet()) {
            Path info = MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (!Files.isRegularFile(info) || !Files.readString(info).contains("May import:")) {
                missing.add(pkg);
            }
        }
        assertEquals(Set.of(), missing, "packages without a package-info.java naming what they may import");
    }

    @Test
    void referencesPointDownOnly() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : graph().entrySet()) {
            String from = top(e.getKey());
            for (String to : e.getValue()) {
                String target = top(to);
                if (!target.equals(from) && FLOOR.get(target) >= FLOOR.get(from)) {
                    bad.add(e.getKey() + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), bad, "references to the same or a higher floor");
    }

    @Test
    void noPackagesReferToEachOtherInACircle() throws IOException {
        Map<String, Set<String>> g = graph();
        List<List<String>> circles = new Tarjan(g).components();
        assertEquals(List.of(), circles, "packages in a circle");
    }

    @Test
    void theCheckSeesACircleAndAnUpwardReference() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), new Tarjan(g).components());
        assertTrue(FLOOR.get("selection") < FLOOR.get("pipeline"));
        assertFalse(REFERENCE.matcher("import dev.issosynth.Foo;").find(), "a class in the root package is no package");
        Matcher m = REFERENCE.matcher("x = dev.issosynth.quality.AccuracyEvaluator.evaluate(t);");
        assertTrue(m.find());
        assertEquals(".quality", m.group(1));
    }

    /** Strongly connected components with more than one package (sorted), by Tarjan's algorithm. */
    private static final class Tarjan {
        private final Map<String, Set<String>> g;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> found = new ArrayList<>();

        Tarjan(Map<String, Set<String>> g) {
            this.g = new TreeMap<>(g);
        }

        List<List<String>> components() {
            for (String v : g.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return found;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            onStack.add(v);
            for (String w : g.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> comp = new ArrayList<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    onStack.remove(w);
                    comp.add(w);
                } while (!w.equals(v));
                if (comp.size() > 1) {
                    comp.sort(null);
                    found.add(comp);
                }
            }
        }
    }
}
