#!/usr/bin/env python3
"""Makes a stand-in for a decent generator's pool: training rows with a share of cells resampled.

Each pool row copies a random training row, then replaces each cell, with probability NOISE, by the same
column's cell of another random training row. Used by the quality benchmark (issue: "from a pool of a
decent generator ... the result must beat the holdout").

usage: noisy_pool.py TRAIN.csv OUT.csv ROWS [NOISE=0.3] [SEED=1]
"""
import csv
import random
import sys


def main():
    train, out, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    noise = float(sys.argv[4]) if len(sys.argv) > 4 else 0.3
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    with open(train, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        data = list(reader)
    n, m = len(data), len(header)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for _ in range(rows):
            src = data[rng.randrange(n)]
            w.writerow([data[rng.randrange(n)][c] if rng.random() < noise else src[c] for c in range(m)])


if __name__ == "__main__":
    main()
