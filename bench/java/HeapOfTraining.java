import dev.issosynth.schema.*;
import dev.issosynth.quality.ExactCopies;
import java.nio.file.Path;

/** Live heap of a training table read whole (+ its codes, + the exact-copy check), after a full GC. */
public class HeapOfTraining {
    static long used() throws Exception {
        for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(200); }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
    public static void main(String[] a) throws Exception {
        long base = used();
        TrainingTable t = TrainingTable.read(Path.of(a[0]), MissingValues.defaults().withExtra(java.util.List.of("?")));
        long table = used();
        t.codes();
        long codes = used();
        ExactCopies c = ExactCopies.of(t);
        long copies = used();
        System.out.printf("rows %d: table %.0f MB, + codes %.0f MB, + exact copies %.0f MB (file %.0f MB)%n",
            t.rowCount(), (table - base) / 1e6, (codes - table) / 1e6, (copies - codes) / 1e6,
            java.nio.file.Files.size(Path.of(a[0])) / 1e6);
        if (c.repeatShare() < 0) System.out.println();
    }
}
