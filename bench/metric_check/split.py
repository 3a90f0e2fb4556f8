#!/usr/bin/env python3
"""Deterministic 50/50 row split of a shared table, plus a deliberately degraded copy of the holdout.

usage: split.py TABLE.csv[.gz] OUTDIR [--seed 7]
writes OUTDIR/train.csv, OUTDIR/holdout.csv (a fresh real sample: accuracy near the noise ceiling) and
OUTDIR/worse.csv (the holdout damaged so that all three levels drop and the less common code paths run:
one column shuffled across rows → bi/trivariates break; one column of each kind perturbed → numeric values off the
reference grid (clipping, floored edges), shifted dates, or unseen categories → (other); one column
with 20% of its cells blanked → (n/a) bin).
"""
import argparse, csv, datetime as dt, gzip, os, random, re

ap = argparse.ArgumentParser()
ap.add_argument("table"); ap.add_argument("outdir"); ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()
rng = random.Random(a.seed)

opener = gzip.open if a.table.endswith(".gz") else open
with opener(a.table, "rt", encoding="utf-8", newline="") as f:
    header, *rows = list(csv.reader(f))
rng.shuffle(rows)
half = len(rows) // 2
train, holdout = rows[:half], rows[half:]


def write(name, data):
    with open(os.path.join(a.outdir, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header); w.writerows(data)


def perturb(cell):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return (dt.date.fromisoformat(cell) + dt.timedelta(days=400)).isoformat()
    try:
        return repr(float(cell) * 1.1 + 0.5)   # off-grid numbers, some beyond the reference range
    except ValueError:
        return cell if rng.random() < 0.8 else "__unseen__"


def kind(j):
    # rough kind of column j from the training half, only to pick one column of each kind to perturb
    vals = [r[j] for r in train if r[j] not in ("", "?", "NA")]
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in vals):
        return "date"
    try:
        [float(v) for v in vals]
        return "number"
    except ValueError:
        return "text"


cols = list(range(len(header)))
shuf, blank = rng.sample(cols, 2)
# one column of each kind present (not the shuffled one), so numeric, datetime and categorical paths all run
pert = [rng.choice(c) for k in ("number", "date", "text")
        if (c := [j for j in cols if j != shuf and kind(j) == k])]
worse = [list(r) for r in holdout]
col = [r[shuf] for r in worse]
rng.shuffle(col)
for r, v in zip(worse, col):
    r[shuf] = v
    for j in pert:
        r[j] = perturb(r[j]) if r[j] not in ("", "?") else r[j]
    if rng.random() < 0.2:
        r[blank] = ""
write("train.csv", train); write("holdout.csv", holdout); write("worse.csv", worse)
print(f"worse.csv: shuffled={header[shuf]}, perturbed={','.join(header[j] for j in pert)}, blanked={header[blank]}")
