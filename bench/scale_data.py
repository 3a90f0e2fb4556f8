#!/usr/bin/env python3
"""Makes a big table in the shape of a real one, for the scale benchmark (bench/scale.sh).

Rows are drawn with replacement from the source table (seeded); integer columns with more than 100 distinct
values get a multiplicative jitter of up to +-5 % (rounded), so the big table has many more distinct values
than the source and is not just copies of it. Text cells are copied as they are.

usage: scale_data.py SOURCE.csv[.gz] ROWS OUT.csv [SEED]
"""
import csv
import gzip
import sys

import numpy as np


def open_text(path):
    return gzip.open(path, "rt", newline="") if path.endswith(".gz") else open(path, newline="")


def is_int(s):
    return s.lstrip("-").isdigit()


def main():
    source, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    with open_text(source) as f:
        reader = csv.reader(f)
        header = next(reader)
        table = list(reader)
    cols = list(zip(*table))
    jitter = [all(is_int(v) for v in col) and len(set(col)) > 100 for col in cols]
    numbers = [np.array([int(v) for v in col], dtype=np.int64) if j else None for col, j in zip(cols, jitter)]
    rng = np.random.default_rng(seed)
    chunk = 200_000
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        done = 0
        while done < rows:
            n = min(chunk, rows - done)
            pick = rng.integers(0, len(table), n)
            columns = []
            for c, col in enumerate(cols):
                if jitter[c]:
                    v = numbers[c][pick] * rng.uniform(0.95, 1.05, n)
                    columns.append([str(x) for x in np.rint(v).astype(np.int64)])
                else:
                    columns.append([col[i] for i in pick])
            w.writerows(zip(*columns))
            done += n


if __name__ == "__main__":
    main()
