#!/usr/bin/env python3
"""Is a generator's output closer to real rows it never saw, if they come from the training half, than to the
holdout half? The training table is cut into K folds; pool K_j comes from a model trained without fold j. For the
rows of pool j, on the privacy encoding of qa_privacy_reference.py (group "all"), the share closer to
  - fold j (never seen) than to an equal-size random sample of the holdout,
  - an equal-size sample of the seen folds than to that holdout sample,
  - one holdout sample than to another (the null: 0.5 up to ties),
averaged over R draws of the samples. A share above 0.5 in the first line is no copying: the model never saw those
rows; the training half and the holdout half of one table differ, and a model of the first is closer to all of it.

usage: unseen_fold.py --train T.csv --holdout H.csv --folds F.csv --pools P0.csv,P1.csv,... [--na-values '?']
F.csv: one line per training row (in order), its fold number.
"""
import argparse, os, sys

import numpy as np
from scipy.spatial import cKDTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "metric_check"))
import qa_privacy_reference as ref  # noqa: E402
from qa_reference import NA_TOKENS, read_csv  # noqa: E402


def share_closer(query, a, b):
    da = cKDTree(a).query(query)[0]
    db = cKDTree(b).query(query)[0]
    return np.mean(da < db) + np.mean(da == db) / 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--holdout", required=True)
    ap.add_argument("--folds", required=True)
    ap.add_argument("--pools", required=True)
    ap.add_argument("--na-values", default="")
    ap.add_argument("--draws", type=int, default=20)
    a = ap.parse_args()
    na = NA_TOKENS | set(t for t in a.na_values.split(",") if t)
    header, trn = read_csv(a.train)
    hh, hol = read_csv(a.holdout)
    hol = [hol[hh.index(c)] for c in header]
    fold = np.array([int(x) for x in open(a.folds).read().split()])
    assert len(fold) == len(trn[0]), "one fold number per training row"
    pools, owner = [[] for _ in header], []
    for j, path in enumerate(a.pools.split(",")):
        ph, p = read_csv(path)
        for c in range(len(header)):
            pools[c] += p[ph.index(header[c])]
        owner += [j] * len(p[0])
    owner = np.array(owner)
    x_trn, x_hol, x_pool, _ = ref.encode(header, (trn, hol, pools), na, np.random.default_rng(1), ref.vector_same)
    print("| fold | rows never seen | closer to them than to holdout rows | seen rows against holdout rows "
          "| holdout against holdout (null) |")
    print("|---|---|---|---|---|")
    totals = np.zeros(3)
    for j in range(fold.max() + 1):
        unseen = np.flatnonzero(fold == j)
        seen = np.flatnonzero(fold != j)
        q = x_pool[owner == j]
        m = len(unseen)
        figures = np.zeros(3)
        for r in range(a.draws):
            rng = np.random.default_rng(1000 * j + r)
            perm = rng.permutation(len(x_hol))
            h1, h2 = x_hol[perm[:m]], x_hol[perm[m:2 * m]]
            s = x_trn[rng.choice(seen, m, replace=False)]
            figures += [share_closer(q, x_trn[unseen], h1), share_closer(q, s, h1), share_closer(q, h1, h2)]
        figures /= a.draws
        totals += figures
        print(f"| {j} | {m} | {figures[0]:.3f} | {figures[1]:.3f} | {figures[2]:.3f} |")
    totals /= fold.max() + 1
    print(f"| mean | | {totals[0]:.3f} | {totals[1]:.3f} | {totals[2]:.3f} |")


if __name__ == "__main__":
    main()
