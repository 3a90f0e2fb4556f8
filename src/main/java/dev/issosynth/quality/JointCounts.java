package dev.issosynth.quality;

import dev.issosynth.schema.CodeTable;

/** Joint bin counts of 1 to 3 columns of a binned table. */
final class JointCounts {
    private JointCounts() {
    }

    static int[] count(CodeTable t, int[] cols) {
        int n = t.rows();
        byte[] a = t.column(cols[0]);
        int da = t.cardinality(cols[0]);
        if (cols.length == 1) {
            int[] h = new int[da];
            for (int r = 0; r < n; r++) {
                h[a[r] & 0xFF]++;
            }
            return h;
        }
        byte[] b = t.column(cols[1]);
        int db = t.cardinality(cols[1]);
        if (cols.length == 2) {
            int[] h = new int[da * db];
            for (int r = 0; r < n; r++) {
                h[(a[r] & 0xFF) + da * (b[r] & 0xFF)]++;
            }
            return h;
        }
        byte[] c = t.column(cols[2]);
        int dab = da * db;
        int[] h = new int[dab * t.cardinality(cols[2])];
        for (int r = 0; r < n; r++) {
            h[(a[r] & 0xFF) + da * (b[r] & 0xFF) + dab * (c[r] & 0xFF)]++;
        }
        return h;
    }
}
