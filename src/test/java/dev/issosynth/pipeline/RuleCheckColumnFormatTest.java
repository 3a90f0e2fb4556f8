package dev.issosynth.pipeline;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.Steering;
import dev.issosynth.testing.TestTables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rules read a column's cells as the column file says: dates in its format, its own missing tokens. */
class RuleCheckColumnFormatTest {
    private static TrainingTable train() {
        // start <= end everywhere; score -1 means missing in score only
        RawTable t = TestTables.columns("start", "end", "score", "level").rows(30, i -> new String[] {
            String.format("%02d/01/2020", 1 + i % 20), String.format("%02d/02/2020", 1 + i % 20),
            i % 3 == 0 ? "-1" : Integer.toString(i % 2), i % 3 == 0 ? "a" : "b"}).build();
        return TrainingTable.of(t, MissingValues.defaults(), ColumnRules.auto()
                .withFormats(Map.of("start", DateFormat.of("dd/MM/yyyy"), "end", DateFormat.of("%d/%m/%Y")))
                .withMissing(Map.of("score", List.of("-1"))));
    }

    @Test
    void anInequalityComparesTheDatesOfTheFormat() {
        RuleCheck check = RuleCheck.of(List.of(Steering.Inequality.parse("start <= end")), train());
        // as text (or as ISO, which reads none of them) 15/01 would come after 01/02
        assertEquals(-1, check.broken(new String[] {"15/01/2020", "01/02/2020", "1", "b"}));
        assertEquals(0, check.broken(new String[] {"02/02/2020", "01/02/2020", "1", "b"}), "2 February after 1 February");
        assertEquals(-1, check.broken(new String[] {"02/02/2020", "", "1", "b"}), "a missing end keeps the rule");
    }

    @Test
    void fixedCombinationsCountAColumnsOwnTokenAsMissing() {
        RuleCheck check = RuleCheck.of(List.of(new Steering.FixedCombinations(List.of("score", "level"))), train());
        // training: (missing, a), (0, b), (1, b)
        assertEquals(-1, check.broken(new String[] {"01/01/2020", "01/02/2020", "", "a"}), "empty is -1: missing");
        assertEquals(-1, check.broken(new String[] {"01/01/2020", "01/02/2020", "-1", "a"}));
        assertEquals(0, check.broken(new String[] {"01/01/2020", "01/02/2020", "-1", "b"}), "missing with b: never seen");
        assertEquals(0, check.broken(new String[] {"01/01/2020", "01/02/2020", "0", "a"}));
    }
}
