package dev.issosynth.io;

/**
 * Guesses the field delimiter from the start of a file: counts each candidate outside quotes on the header
 * and the first lines and picks the one whose count is the same (and above zero) on every line.
 */
final class DelimiterSniffer {
    static final char[] CANDIDATES = {',', ';', '|', '\t'};
    /** Lines looked at after the header. */
    static final int SAMPLE_LINES = 20;

    private DelimiterSniffer() {
    }

    /**
     * @param sample   the first characters of the file (BOM already removed)
     * @param complete true if the sample holds the whole file, so its last line is complete even without a
     *                 line break
     * @return the delimiter; {@code ','} if nothing fits
     */
    static char sniff(CharSequence sample, boolean complete) {
        // Kept whole: one quote-aware scan counting every candidate's fields per line at once; split, it would
        // scan the sample once per candidate.
        int k = CANDIDATES.length;
        int[] headerCounts = null;
        boolean[] consistent = new boolean[k];
        int[] counts = new int[k];
        boolean inQuotes = false;
        boolean lineHasText = false;
        int lines = 0;
        for (int i = 0, n = sample.length(); i <= n; i++) {
            boolean end = i == n;
            if (end && !complete) {
                break; // a cut-off last line would have too few delimiters
            }
            char ch = end ? '\n' : sample.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes; // a doubled quote toggles twice: still correct
                lineHasText = true;
                continue;
            }
            if (inQuotes) {
                continue;
            }
            if (ch == '\n' || ch == '\r') {
                if (lineHasText) { // blank lines are skipped by the parser too
                    if (headerCounts == null) {
                        headerCounts = counts.clone();
                        for (int d = 0; d < k; d++) {
                            consistent[d] = headerCounts[d] > 0;
                        }
                    } else {
                        for (int d = 0; d < k; d++) {
                            consistent[d] &= counts[d] == headerCounts[d];
                        }
                    }
                    if (++lines > SAMPLE_LINES) {
                        break;
                    }
                }
                java.util.Arrays.fill(counts, 0);
                lineHasText = false;
                continue;
            }
            lineHasText = true;
            for (int d = 0; d < k; d++) {
                if (ch == CANDIDATES[d]) {
                    counts[d]++;
                }
            }
        }
        if (headerCounts == null) {
            return ',';
        }
        // Prefer a consistent candidate with the most fields; else the one most frequent in the header
        // (then the file is ragged and the reader reports the bad row).
        int best = -1;
        for (int d = 0; d < k; d++) {
            if (consistent[d] && (best < 0 || headerCounts[d] > headerCounts[best])) {
                best = d;
            }
        }
        if (best < 0) {
            for (int d = 0; d < k; d++) {
                if (headerCounts[d] > 0 && (best < 0 || headerCounts[d] > headerCounts[best])) {
                    best = d;
                }
            }
        }
        return best < 0 ? ',' : CANDIDATES[best];
    }
}
