#!/usr/bin/env python3
"""Independent reference implementation of the accuracy metric in /work/shared/design/quality-metric.md.

Written from the document only (Python 3 + numpy, no pandas), so that agreement with `issosynth evaluate`
is evidence that the Java code implements the document, not a copy of it. Where the document is silent
or ambiguous, the choice made is marked "CHOICE:" below.

usage: qa_reference.py --train T.csv[.gz] --synth S.csv[.gz] [--na-values '?'] [--seed N]
prints JSON: overall/univariate/bivariate/trivariate, the same for accuracy_max, per-column details.
"""
import argparse, csv, datetime as dt, gzip, io, itertools, json, math, random, re, sys
import numpy as np

BINS = 10
MAX_TRIVARIATES = 10_000
# The "usual NA tokens": the default list of a pandas CSV reader (pandas is what the library users read with).
NA_TOKENS = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
             "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
BOOLS = {"True": 1.0, "TRUE": 1.0, "true": 1.0, "False": 0.0, "FALSE": 0.0, "false": 0.0}
NA_BIN, EMPTY_BIN, OTHER_BIN, RARE_BIN = "(n/a)", "(empty)", "(other)", "_RARE_"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
DAY_US = 86_400 * 10**6


def read_csv(path):
    # gzip.open reads multi-member files to the end; newline='' lets csv handle quoted line breaks
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return header, [[r[j] if j < len(r) else "" for r in body] for j in range(len(header))]


def to_float(s):
    # float() would also accept '1_000'; a CSV number reader would not
    if s in BOOLS:
        return BOOLS[s]
    if "_" in s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def to_micros(s):
    # timestamps as integer microseconds since 1970 (exact arithmetic; naive times read as UTC)
    if not ISO.fullmatch(s):
        return None
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return (t - EPOCH) // dt.timedelta(microseconds=1)


def infer_type(values, na):
    present = [v for v in values if v not in na]
    if present and all(to_float(v) is not None for v in present):
        return "numeric"
    if present and all(to_micros(v) is not None for v in present):
        return "datetime"
    return "categorical"  # CHOICE: an all-missing column is categorical (one (n/a) bin either way)


def search_breaks(values):
    """Greedy order-statistic search: first i in 10.. giving 11 distinct cut points (doc, Binning §2)."""
    n = len(values)
    breaks = []
    for i in range(BINS, max(BINS + 1, min(1000, n + 1))):
        idx = np.linspace(0, n - 1, i).astype(int)      # integer-truncated positions
        breaks = sorted(set(values[idx].tolist()))
        if len(breaks) >= BINS + 1:                      # CHOICE: ">=" (a jump past 11 is kept, see README)
            break
    return breaks


def floor_breaks(breaks):
    """Floor all but the last cut point to the fewest decimals 0..19 that keep the cut points distinct.
    CHOICE: distinctness is tested on all floored points (incl. the last), as the library does."""
    for p in range(20):
        scale = float(10 ** p)
        fl = [math.floor(b * scale) / scale for b in breaks]
        if len(set(fl)) == len(breaks):
            return fl[:-1] + [breaks[-1]]
    return breaks


class IntervalBinner:
    """Left-closed intervals [b_k, b_k+1), last one closed; values clipped into [first, last]; missing → own bin."""

    def __init__(self, kind, ref, na):
        self.kind, self.na = kind, na
        parse = to_float if kind == "numeric" else to_micros
        vals = np.sort(np.array([parse(v) for v in ref if v not in na],
                                dtype=float if kind == "numeric" else np.int64))
        distinct = np.unique(vals)
        if len(vals) == 0:
            breaks = [-1e10, 1e10] if kind == "numeric" else [to_micros("1700-01-01"), to_micros("2200-01-01")]
        elif kind == "numeric" and len(distinct) <= BINS:
            breaks = distinct.tolist() + [distinct[-1] + 1.0]     # one bin per value, upper edge max + 1
        elif kind == "datetime" and len(distinct) == 1:
            breaks = [int(distinct[0]), int(distinct[0]) + DAY_US]  # one distinct date → one bin
        else:
            breaks = search_breaks(vals)
        self.lo, self.hi = breaks[0], breaks[-1]
        # CHOICE: the <= 10 distinct case is floored too (the Java code and the library do this)
        self.breaks = floor_breaks(breaks) if kind == "numeric" else breaks
        self.n_bins = len(self.breaks) - 1 + 1                     # + the (n/a) bin (last code)
        self.parse = parse

    def codes(self, cells):
        out = np.empty(len(cells), dtype=np.int64)
        edges = np.array(self.breaks[1:-1], dtype=float if self.kind == "numeric" else np.int64)
        for i, c in enumerate(cells):
            v = None if c in self.na else self.parse(c)  # unparsable synthetic value → missing
            if v is None or (isinstance(v, float) and math.isnan(v)):
                out[i] = self.n_bins - 1
            else:
                v = min(max(v, self.lo), self.hi)
                out[i] = int(np.searchsorted(edges, v, side="right"))
        return out


class CategoricalBinner:
    def __init__(self, ref, na):
        self.na = na
        counts = {}
        for v in ref:
            k = self.label(v)
            counts[k] = counts.get(k, 0) + 1
        # top 10 by count, missing ranked like any value, ties broken alphabetically; keep count >= 5
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:BINS]
        keep = sorted(k for k, c in top if c >= 5 and k not in (EMPTY_BIN, OTHER_BIN, RARE_BIN, NA_BIN))
        self.cats = keep + [EMPTY_BIN, OTHER_BIN, RARE_BIN, NA_BIN]
        self.index = {c: i for i, c in enumerate(self.cats)}
        self.n_bins = len(self.cats)

    def label(self, v):
        # empty cells are in the NA list, so "(empty)" only arises if a caller removes "" from it
        return NA_BIN if v in self.na else (EMPTY_BIN if v == "" else v)

    def codes(self, cells):
        other = self.index[OTHER_BIN]
        return np.array([self.index.get(self.label(c), other) for c in cells], dtype=np.int64)


def accuracy(ref_codes, syn_codes, sizes):
    """1 - TVD of the joint bin distributions, and the noise ceiling; both rounded to 5 decimals."""
    key_r = np.zeros(len(ref_codes[0]), dtype=np.int64)
    key_s = np.zeros(len(syn_codes[0]), dtype=np.int64)
    for r, s, m in zip(ref_codes, syn_codes, sizes):
        key_r, key_s = key_r * m + r, key_s * m + s
    cells = int(np.prod(sizes))
    p = np.bincount(key_r, minlength=cells) / len(key_r)
    q = np.bincount(key_s, minlength=cells) / len(key_s)
    acc = 1 - 0.5 * np.abs(p - q).sum()
    pm = p[p > 0]
    acc_max = 1 - 0.5 * np.sqrt(2 / np.pi * pm * (1 - pm) * (1 / len(key_r) + 1 / len(key_s))).sum()
    return float(np.round(acc, 5)), float(np.round(acc_max, 5))


def evaluate(train, synth, extra_na=(), seed=42):
    na = NA_TOKENS | set(extra_na)
    names, ref = read_csv(train)
    syn_names, syn = read_csv(synth)
    syn_by_name = dict(zip(syn_names, syn))
    syn = [syn_by_name.get(c, [""] * len(syn[0])) for c in names]  # a missing column counts as all-missing
    cols, rc, sc, sizes = [], [], [], []
    for name, rv, sv in zip(names, ref, syn):
        kind = infer_type(rv, na)
        b = CategoricalBinner(rv, na) if kind == "categorical" else IntervalBinner(kind, rv, na)
        rc.append(b.codes(rv)); sc.append(b.codes(sv)); sizes.append(b.n_bins)
        cols.append({"column": name, "type": kind, "bins": b.n_bins})
    k = len(names)
    triples = list(itertools.combinations(range(k), 3))
    if len(triples) > MAX_TRIVARIATES:  # uniform sample of distinct triples; differs from Java's by design
        triples = random.Random(seed).sample(triples, MAX_TRIVARIATES)
    levels = {"univariate": [(j,) for j in range(k)],
              "bivariate": list(itertools.combinations(range(k), 2)),
              "trivariate": triples}
    res = {"train_rows": len(ref[0]), "synthetic_rows": len(syn[0]), "accuracy": {}, "accuracy_max": {}}
    for level, combos in levels.items():
        accs = [accuracy([rc[j] for j in c], [sc[j] for j in c], [sizes[j] for j in c]) for c in combos]
        res["accuracy"][level] = float(np.mean([a for a, _ in accs])) if accs else None
        res["accuracy_max"][level] = float(np.mean([m for _, m in accs])) if accs else None
        if level == "univariate":
            for col, (a, m) in zip(cols, accs):
                col.update(accuracy=a, accuracy_max=m)
    for key in ("accuracy", "accuracy_max"):
        lv = [v for v in res[key].values() if v is not None]
        res[key]["overall"] = float(np.mean(lv))
    res["columns"] = cols
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--synth", required=True)
    ap.add_argument("--na-values", default="", help="extra comma-separated missing tokens, e.g. '?'")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    extra = [t for t in a.na_values.split(",") if t]
    json.dump(evaluate(a.train, a.synth, extra, a.seed), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
