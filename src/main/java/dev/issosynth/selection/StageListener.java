package dev.issosynth.selection;

/**
 * Told after each stage of {@link SelectionEngine#run} which rows it chose, so the caller can score the stages
 * (the engine itself knows only its objective). Called first with stage {@code "pool"} and a seeded random subset
 * of the pool of the target size: the baseline the stages should beat.
 */
@FunctionalInterface
public interface StageListener {
    /**
     * @param report the stage's figures
     * @param rows   the chosen pool rows after the stage, ascending; the engine does not keep the array
     */
    void stageDone(SelectionEngine.StageReport report, int[] rows);
}
