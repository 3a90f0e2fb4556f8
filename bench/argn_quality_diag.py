#!/usr/bin/env python3
"""Where does a synthetic table lose accuracy? Per-column and per-pair breakdown of the accuracy metric.

usage: argn_quality_diag.py DIR [--na-values '?'] [--top 8] [--pool pool.csv]
DIR holds train.csv, holdout.csv and pool.csv (as bench/argn_quality.sh leaves them). Uses the binning of
bench/metric_check/qa_reference.py (agrees with `issosynth evaluate` to < 1e-6). For every column, pair and
triple the deficit = holdout accuracy − pool accuracy (both vs train) is computed; printed: the columns with
the largest univariate deficit, mean bi/tri deficit of the combinations containing each column, the worst pairs,
and the per-bin shares (train / holdout / pool) of the worst columns.
"""
import argparse, itertools, os, sys
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_check"))
import qa_reference as q  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("dir"); ap.add_argument("--na-values", default=""); ap.add_argument("--top", type=int, default=8)
ap.add_argument("--pool", default="pool.csv", help="synthetic file inside DIR (default pool.csv)")
a = ap.parse_args()
na = q.NA_TOKENS | {t for t in a.na_values.split(",") if t}
names, tr = q.read_csv(os.path.join(a.dir, "train.csv"))


def aligned(path):
    n2, cols = q.read_csv(path)
    by = dict(zip(n2, cols))
    return [by[c] for c in names]


ho, po = aligned(os.path.join(a.dir, "holdout.csv")), aligned(os.path.join(a.dir, a.pool))
k = len(names)
binners, kinds, rc, hc, pc, sizes = [], [], [], [], [], []
for j in range(k):
    kind = q.infer_type(tr[j], na)
    b = q.CategoricalBinner(tr[j], na) if kind == "categorical" else q.IntervalBinner(kind, tr[j], na)
    binners.append(b); kinds.append(kind)
    rc.append(b.codes(tr[j])); hc.append(b.codes(ho[j])); pc.append(b.codes(po[j])); sizes.append(b.n_bins)


def acc(c, other):
    return q.accuracy([rc[j] for j in c], [other[j] for j in c], [sizes[j] for j in c])[0]


def describe(j):
    v = tr[j]
    miss = sum(1 for x in v if x in na) / len(v)
    pmiss = sum(1 for x in po[j] if x in na) / len(po[j])
    distinct = len({x for x in v if x not in na})
    return f"{kinds[j]}, {distinct} distinct, {sizes[j]} bins, missing train {miss:.1%} / pool {pmiss:.1%}"


uni = {(j,): (acc((j,), hc), acc((j,), pc)) for j in range(k)}
bi = {c: (acc(c, hc), acc(c, pc)) for c in itertools.combinations(range(k), 2)}
tri_all = list(itertools.combinations(range(k), 3))
if len(tri_all) > 3000:
    import random
    tri_all = random.Random(1).sample(tri_all, 3000)
tri = {c: (acc(c, hc), acc(c, pc)) for c in tri_all}


def mean(d):
    return np.mean([h for h, _ in d.values()]), np.mean([p for _, p in d.values()])


print(f"## {os.path.basename(os.path.normpath(a.dir))}: {len(tr[0])} train rows, {k} columns")
for lvl, d in (("uni", uni), ("bi", bi), ("tri", tri)):
    h, p = mean(d)
    print(f"{lvl}: holdout {h:.5f}, pool {p:.5f}, deficit {h - p:+.5f} ({len(d)} combinations)")
print()
print("| column | kind | uni holdout | uni pool | uni deficit | mean bi deficit | mean tri deficit |")
print("|---|---|---|---|---|---|---|")
rows = []
for j in range(k):
    bd = np.mean([h - p for c, (h, p) in bi.items() if j in c])
    td = np.mean([h - p for c, (h, p) in tri.items() if j in c]) if tri else float("nan")
    h, p = uni[(j,)]
    rows.append((bd, f"| {names[j]} | {describe(j)} | {h:.5f} | {p:.5f} | {h - p:+.5f} | {bd:+.5f} | {td:+.5f} |"))
for _, r in sorted(rows, reverse=True):
    print(r)
print()
print(f"worst {a.top} pairs (holdout − pool):")
for c, (h, p) in sorted(bi.items(), key=lambda kv: kv[1][1] - kv[1][0])[:a.top]:
    print(f"  {names[c[0]]} × {names[c[1]]}: holdout {h:.5f}, pool {p:.5f}, deficit {h - p:+.5f}")
print()
worst = sorted(range(k), key=lambda j: uni[(j,)][1] - uni[(j,)][0])[:3]
for j in worst:
    b = binners[j]
    labels = b.cats if isinstance(b, q.CategoricalBinner) else \
        [f"[{b.breaks[i]:g}, {b.breaks[i + 1]:g})" if b.kind == "numeric" else f"bin{i}" for i in
         range(len(b.breaks) - 1)] + ["(n/a)"]
    n = sizes[j]
    sh = [np.bincount(x[j], minlength=n) / len(x[j]) for x in (rc, hc, pc)]
    print(f"bins of {names[j]} ({describe(j)}): train / holdout / pool share")
    for i in range(n):
        if max(s[i] for s in sh) > 0:
            print(f"  {labels[i]:>28}: {sh[0][i]:.4f} / {sh[1][i]:.4f} / {sh[2][i]:.4f}"
                  f"{'   <-- ' + format(sh[2][i] - sh[0][i], '+.4f') if abs(sh[2][i] - sh[0][i]) > 0.005 else ''}")

# ---- numeric columns: which argn encoding (replicated in Python, τ = 6), how much the encoding alone loses,
# and how much the model's code distribution is off ------------------------------------------------------------
from decimal import Decimal, ROUND_DOWN, ROUND_FLOOR
import math
import random as _random


def digit_positions(v):
    s = str(Decimal(repr(abs(v))).quantize(Decimal("1e-8"), rounding=ROUND_DOWN))
    ip, _, fp = s.partition(".")
    fp = (fp + "0" * 8)[:8]
    pos = set()
    for i, ch in enumerate(reversed(ip)):
        if ch != "0" and i <= 18:
            pos.add(i)
    for i, ch in enumerate(fp):
        if ch != "0":
            pos.add(-(i + 1))
    return pos


def argn_encoding(vals, tau=6):
    from collections import Counter
    c = Counter(vals)
    if len(c) < 100:
        kept = sum(m for m in c.values() if m >= tau)
        if kept / len(vals) > 0.999:
            return "discrete", None, None
    s = sorted(vals)
    lo, hi = s[tau], s[len(s) - 1 - tau]
    pos = set()
    for v in c:
        pos |= digit_positions(v)
    if len(pos) <= 3:
        return "digit", None, None
    m = len(s)
    q = sorted({min(max(s[int(math.floor(p / 1000 * (m - 1) + 0.5))], lo), hi) for p in range(1001)})
    edges = q if len(q) <= 101 else [q[int(math.floor(i * (len(q) - 1) / 100 + 0.5))] for i in range(101)]
    return "binned", edges, (min(pos) if pos else 0)


def bin_code(v, edges):
    if v == edges[0]:
        return -1
    if v == edges[-1]:
        return -2
    i = int(np.searchsorted(np.array(edges[1:-1]), v, side="right"))
    return i


print()
print("numeric columns, argn encoding replicated (τ = 6): 'round trip' = uni accuracy of the TRAINING values")
print("encoded and decoded (uniform in the bin, floored) vs the training values: what the encoding alone loses;")
print("'code TVD' = total variation distance of the model-bin codes vs train (pool: model fit; holdout: noise).")
print()
print("| column | encoding | bins | round-trip uni acc | code TVD holdout | code TVD pool | pool uni acc |")
print("|---|---|---|---|---|---|---|")
rng = _random.Random(1)
for j in range(k):
    if kinds[j] != "numeric":
        continue
    vals = [q.to_float(x) for x in tr[j] if x not in na]
    vals = [v for v in vals if v is not None]
    enc, edges, mind = argn_encoding(vals)
    if enc != "binned":
        print(f"| {names[j]} | {enc} | | | | | {uni[(j,)][1]:.5f} |")
        continue
    lo, hi = edges[0], edges[-1]
    out = []
    for x in tr[j]:
        v = q.to_float(x) if x not in na else None
        if v is None:
            out.append(""); continue
        v = min(max(v, lo), hi)
        b = bin_code(v, edges)
        if b == -1:
            d = lo
        elif b == -2:
            d = hi
        else:
            a_, b_ = edges[b], edges[b + 1]
            u = a_ + (b_ - a_) * rng.random()
            sc = 10.0 ** mind
            d = max(math.floor(u / sc) * sc, a_)
        out.append(repr(d))
    rt = acc((j,), [binners[jj].codes(out) if jj == j else None for jj in range(k)])

    def codes(col):
        r = []
        for x in col:
            v = q.to_float(x) if x not in na else None
            r.append(-3 if v is None else bin_code(min(max(v, lo), hi), edges))
        u_, c_ = np.unique(r, return_counts=True)
        return dict(zip(u_.tolist(), (c_ / len(r)).tolist()))

    ct, ch, cp = codes(tr[j]), codes(ho[j]), codes(po[j])
    tvd = lambda a_, b_: 0.5 * sum(abs(a_.get(key, 0) - b_.get(key, 0)) for key in set(a_) | set(b_))
    print(f"| {names[j]} | binned (minDecimal {mind}) | {len(edges) - 1} | {rt:.5f} | {tvd(ct, ch):.5f} | "
          f"{tvd(ct, cp):.5f} | {uni[(j,)][1]:.5f} |")
