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
 * A column entry may have both; {@code type} wins. Columns not listed keep their inferred type.
 */
public final class ColumnFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private ColumnFile() {
    }

    /** The kinds the file declares, in file order; InputException naming the file for anything it cannot use. */
    public static Map<String, ColumnKind> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the column file: " + e.getMessage(), e);
        }
        // JSON by its first character, YAML otherwise (.yaml/.yml files, or any text that is not JSON)
        boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not a " + (json ? "JSON" : "YAML") + " column file (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage()
                    + ")", e);
        }
        return parse(root, file.getFileName().toString());
    }

    static Map<String, ColumnKind> parse(JsonNode root, String source) {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
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
            if (kind != null) {
                if (kinds.put(name, kind) != null) {
                    throw new InputException(source + ": column " + name + " is listed twice");
                }
            }
        }
        String primaryKey = table.isObject() ? text(table, "primary_key") : null;
        if (primaryKey != null) {
            kinds.put(primaryKey, ColumnKind.KEY);
        }
        return kinds;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The column file for these columns (our shape), as {@code inspect --json} writes it. */
    public static String write(List<String> names, List<ColumnKind> kinds, List<String> notes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cols = root.putArray("columns");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode c = cols.addObject();
            c.put("name", names.get(i));
            c.put("type", kinds.get(i).label());
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
