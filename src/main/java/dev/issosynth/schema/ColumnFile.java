package dev.issosynth.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.issosynth.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The column file of {@code --columns} (JSON, or YAML with the same structure), in either of two shapes:
 * <ul>
 *   <li>ours, as {@code inspect --json} writes it: {@code {"columns": [{"name": "zip", "type": "categorical"}, ...]}}
 *       with a type of {@link ColumnKind} ({@code categorical, numeric, integer, datetime, date, character, lat_long, latitude, longitude, key,
 *       ignore});</li>
 *   <li>a MOSTLY AI generator configuration as it is: {@code {"tables": [{"primary_key": "id", "columns":
 *       [{"name": "zip", "model_encoding_type": "TABULAR_CATEGORICAL"}, ...]}]}} (the first table; or the bare
 *       {@code columns} list), {@code primary_key} a key.</li>
 * </ul>
 * A column entry may have both; {@code type} wins. Columns not listed keep their inferred type. An entry may also
 * carry {@code "format"}, the pattern of a datetime column not written in ISO ({@link DateFormat}: Java, or strftime
 * with {@code %}; a format without a type makes the column a datetime), and {@code "missing"}, texts that mean
 * missing in that column only (a list, or one string), in addition to the table's. Other fields are ignored.
 */
public final class ColumnFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private ColumnFile() {
    }

    /**
     * What the file declares (kinds, formats, missing tokens; in file order), as rules whose key rule is
     * {@code auto} (the caller adds them to its own, {@link ColumnRules#with}); InputException naming the file for
     * anything it cannot use.
     */
    public static ColumnRules read(Path file) {
        return parse(tree(file), file.getFileName().toString());
    }

    /** The file as JSON or YAML; InputException naming the file when it cannot be read or parsed. */
    private static JsonNode tree(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the column file: " + e.getMessage(), e);
        }
        // JSON by its first character, YAML otherwise (.yaml/.yml files, or any text that is not JSON)
        boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
        try {
            return (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not a " + (json ? "JSON" : "YAML") + " column file (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage()
                    + ")", e);
        }
    }

    static ColumnRules parse(JsonNode root, String source) {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        Map<String, DateFormat> formats = new LinkedHashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, String> numeric = new LinkedHashMap<>();
        JsonNode table = root;
        if (root != null && root.has("tables") && root.get("tables").isArray() && !root.get("tables").isEmpty()) {
            table = root.get("tables").get(0);
        }
        JsonNode columns = table == null ? null : table.isArray() ? table : table.get("columns");
        if (columns == null || !columns.isArray()) {
            throw new InputException(source + ": a column file needs a \"columns\" list (or a MOSTLY AI generator"
                    + " configuration with tables[0].columns)");
        }
        for (JsonNode col : columns) {
            String name = text(col, "name");
            if (name == null) {
                throw new InputException(source + ": a column entry without a \"name\": " + col);
            }
            String type = text(col, "type");
            String encoding = text(col, "model_encoding_type");
            if (encoding == null) {
                encoding = text(col, "encoding");
            }
            ColumnKind kind;
            if (type != null) {
                kind = ColumnKind.parse(type);
                if (kind == null) {
                    throw new InputException(source + ": column " + name + ": unknown type '" + type + "' (one of "
                            + Arrays.stream(ColumnKind.values()).map(ColumnKind::label)
                            .collect(Collectors.joining(", ")) + ")");
                }
            } else if (encoding != null) {
                kind = ColumnKind.fromMostlyEncoding(encoding);
                if (kind == null && !encoding.trim().equalsIgnoreCase("AUTO")) {
                    throw new InputException(source + ": column " + name + ": unknown model_encoding_type '" + encoding
                            + "' (TABULAR_CATEGORICAL, TABULAR_NUMERIC_AUTO|DISCRETE|BINNED|DIGIT, TABULAR_DATETIME,"
                            + " TABULAR_CHARACTER, TABULAR_LAT_LONG or AUTO)");
                }
            } else {
                kind = null;
            }
            String mode = encoding == null ? null : numericMode(encoding);
            if (mode != null) {
                if (kind != null && kind.type() != ColumnType.NUMERIC) {
                    throw new InputException(source + ": column " + name + ": " + encoding + " is for numeric columns,"
                            + " not " + kind.label());
                }
                kind = kind == null ? ColumnKind.NUMERIC : kind;
                numeric.put(name, mode);
            }
            DateFormat format = format(col, name, source);
            if (format != null) {
                if (kind == null) {
                    kind = ColumnKind.DATETIME; // a format says what the column is
                } else if (kind.type() != ColumnType.DATETIME) {
                    throw new InputException(source + ": column " + name + ": a \"format\" is for datetime and date"
                            + " columns, not " + kind.label());
                }
            }
            List<String> tokens = missing(col, name, source);
            if (kind != null || format != null || tokens != null) {
                if (kinds.containsKey(name) || formats.containsKey(name) || missing.containsKey(name)) {
                    throw new InputException(source + ": column " + name + " is listed twice");
                }
                if (kind != null) {
                    kinds.put(name, kind);
                }
                if (format != null && !format.isIso()) {
                    formats.put(name, format);
                }
                if (tokens != null) {
                    missing.put(name, tokens);
                }
            }
        }
        String primaryKey = table.isObject() ? text(table, "primary_key") : null;
        if (primaryKey != null) {
            kinds.put(primaryKey, ColumnKind.KEY);
        }
        return new ColumnRules(KeyRule.auto(), kinds, formats, missing, numeric);
    }

    /** DISCRETE, DIGIT or BINNED for MOSTLY AI's {@code TABULAR_NUMERIC_*} of that name; null otherwise (AUTO too). */
    private static String numericMode(String encoding) {
        String e = encoding.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (e) {
            case "TABULAR_NUMERIC_DISCRETE" -> "DISCRETE";
            case "TABULAR_NUMERIC_DIGIT" -> "DIGIT";
            case "TABULAR_NUMERIC_BINNED" -> "BINNED";
            default -> null;
        };
    }

    /**
     * The file's {@code constraints}: MOSTLY AI's list (top level or in the first table; {@code type} Inequality
     * with {@code config.low_column}/{@code high_column}, or FixedCombinations with {@code config.columns}), or ours,
     * {@code rules} (texts such as {@code "start <= end"}, which the caller parses) and {@code fixed_combinations}
     * (lists of columns). An entry it cannot use is an error naming the file.
     */
    public static List<ColumnConstraint> readConstraints(Path file, List<String> rules) {
        JsonNode root = tree(file);
        List<ColumnConstraint> out = new java.util.ArrayList<>();
        String source = file.getFileName().toString();
        JsonNode table = root != null && root.has("tables") && root.get("tables").isArray()
                && !root.get("tables").isEmpty() ? root.get("tables").get(0) : root;
        for (JsonNode where : new JsonNode[] {root, table == root ? null : table}) {
            JsonNode list = where == null || !where.isObject() ? null : where.get("constraints");
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new InputException(source + ": \"constraints\" must be a list");
            }
            for (JsonNode c : list) {
                String type = text(c, "type");
                JsonNode config = c.has("config") ? c.get("config") : c;
                if ("Inequality".equalsIgnoreCase(type)) {
                    String low = text(config, "low_column");
                    String high = text(config, "high_column");
                    if (low == null || high == null) {
                        throw new InputException(source + ": an Inequality constraint needs low_column and"
                                + " high_column: " + c);
                    }
                    out.add(new ColumnConstraint(true, List.of(low, high)));
                } else if ("FixedCombinations".equalsIgnoreCase(type)) {
                    out.add(new ColumnConstraint(false, columnList(config.get("columns"), source, c)));
                } else {
                    throw new InputException(source + ": unknown constraint type '" + type
                            + "' (Inequality or FixedCombinations)");
                }
            }
        }
        JsonNode ours = root == null || !root.isObject() ? null : root.get("rules");
        if (ours != null && ours.isArray()) {
            ours.forEach(r -> rules.add(r.asText()));
        }
        JsonNode fixed = root == null || !root.isObject() ? null : root.get("fixed_combinations");
        if (fixed != null && fixed.isArray()) {
            fixed.forEach(f -> out.add(new ColumnConstraint(false, columnList(f, source, f))));
        }
        return out;
    }

    private static List<String> columnList(JsonNode cols, String source, JsonNode entry) {
        if (cols == null || !cols.isArray() || cols.size() < 2) {
            throw new InputException(source + ": fixed combinations need a list of two or more columns: " + entry);
        }
        List<String> names = new java.util.ArrayList<>();
        cols.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The entry's {@code format}, or null; a pattern that cannot be used is an error naming the column. */
    private static DateFormat format(JsonNode col, String name, String source) {
        String pattern = text(col, "format");
        if (pattern == null) {
            return null;
        }
        try {
            return DateFormat.of(pattern);
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": column " + name + ": " + e.getMessage());
        }
    }

    /** The entry's {@code missing} texts (a list, or one value), or null when it has none. */
    private static List<String> missing(JsonNode col, String name, String source) {
        JsonNode m = col.get("missing");
        if (m == null || m.isNull()) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode v : m.isArray() ? m : List.of(m)) {
            if (!v.isValueNode() || v.isNull()) {
                throw new InputException(source + ": column " + name + ": \"missing\" takes texts (a list, or one"
                        + " text), not " + v);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The column file for these columns (our shape), as {@code inspect --json} writes it. */
    public static String write(List<String> names, List<ColumnKind> kinds, List<String> notes) {
        return write(names, kinds, null, null, notes);
    }

    /**
     * As {@link #write(List, List, List)}, with each column's date format and own missing tokens where it has them
     * ({@code formats} and {@code missing} may be null, or hold null, ISO or empty entries: then nothing is written).
     */
    public static String write(List<String> names, List<ColumnKind> kinds, List<DateFormat> formats,
                               List<List<String>> missing, List<String> notes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cols = root.putArray("columns");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode c = cols.addObject();
            c.put("name", names.get(i));
            c.put("type", kinds.get(i).label());
            if (formats != null && formats.get(i) != null && !formats.get(i).isIso()) {
                c.put("format", formats.get(i).pattern());
            }
            if (missing != null && missing.get(i) != null && !missing.get(i).isEmpty()) {
                ArrayNode m = c.putArray("missing");
                missing.get(i).forEach(m::add);
            }
            if (notes != null && notes.get(i) != null && !notes.get(i).isEmpty()) {
                c.put("note", notes.get(i));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
