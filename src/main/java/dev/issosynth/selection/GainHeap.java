package dev.issosynth.selection;

/**
 * A max-heap of (gain, row) on primitive arrays. Ties go to the smaller row index so the order, and with it
 * every run, is deterministic.
 */
final class GainHeap {
    private double[] gain;
    private int[] row;
    private int size;

    GainHeap(int capacity) {
        gain = new double[Math.max(1, capacity)];
        row = new int[Math.max(1, capacity)];
    }

    /** Builds a heap from all pairs at once in O(n). */
    static GainHeap of(int[] rows, double[] gains, int count) {
        GainHeap h = new GainHeap(count);
        System.arraycopy(rows, 0, h.row, 0, count);
        System.arraycopy(gains, 0, h.gain, 0, count);
        h.size = count;
        for (int i = count / 2 - 1; i >= 0; i--) {
            h.siftDown(i);
        }
        return h;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topGain() {
        return gain[0];
    }

    int topRow() {
        return row[0];
    }

    void push(double g, int r) {
        if (size == gain.length) {
            gain = java.util.Arrays.copyOf(gain, size * 2);
            row = java.util.Arrays.copyOf(row, size * 2);
        }
        gain[size] = g;
        row[size] = r;
        siftUp(size++);
    }

    /** Removes the top entry and returns its row. */
    int pop() {
        int r = row[0];
        size--;
        if (size > 0) {
            gain[0] = gain[size];
            row[0] = row[size];
            siftDown(0);
        }
        return r;
    }

    private boolean above(int i, int j) {
        return gain[i] > gain[j] || (gain[i] == gain[j] && row[i] < row[j]);
    }

    private void swap(int i, int j) {
        double g = gain[i];
        gain[i] = gain[j];
        gain[j] = g;
        int r = row[i];
        row[i] = row[j];
        row[j] = r;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!above(i, p)) {
                return;
            }
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int best = l + 1 < size && above(l + 1, l) ? l + 1 : l;
            if (!above(best, i)) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }
}
