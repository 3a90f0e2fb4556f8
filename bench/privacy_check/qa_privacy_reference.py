#!/usr/bin/env python3
"""Independent reference implementation of the privacy figures (DCR share, NNDR ratio, identical matches, per
column group) as MOSTLY AI's QA library defines them, written from the description (docs/design.md, "Privacy
figures"), not from the Java code: numpy and scipy primitives throughout (np.percentile, np.interp, SVD,
np.corrcoef, scipy's normalised Laplacian, eigh and kmeans2, a KD-tree or BLAS brute force for the distances).

Column types and the reading of cells come from ../metric_check/qa_reference.py (the accuracy reference, itself
checked against issosynth on the shared tables), so both sides type columns the same way.

The categorical value embedding must be a fixed vector per value text. --embedding same (default) uses the rule
issosynth documents (SHA-256 seed + splitmix64, 256 uniform components, unit length), so both sides encode
identically and only the sampling, the quantile subsample, the k-means seeds and the random groups differ.
--embedding other uses a different fixed rule (numpy's default_rng seeded by the text's MD5, 256 standard normal
components, unit length): every value still gets its own nearly orthogonal vector, so the figures must agree
statistically, not digit for digit.

usage: qa_privacy_reference.py --train T.csv --holdout H.csv --synth S.csv [--na-values '?'] [--seed N]
       [--cap N] [--embedding same|other] [--groups-from issosynth.json]
--groups-from: also compute the figures on issosynth's own groups (matched by encoded-dimension name), which
checks the distances and shares on identical groups (the random groups and the k-means seeds differ otherwise).
prints JSON: per group name, dims, DCR share, NNDR ratio, identical-match share; the headline group.
"""
import argparse, hashlib, json, os, sys

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.sparse.csgraph import laplacian
from scipy.spatial import cKDTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "metric_check"))
from qa_reference import NA_TOKENS, infer_type, read_csv, to_float, to_micros  # noqa: E402

MAX_COLUMNS = 300
N_QUANTILES = 100
QUANTILE_SUBSAMPLE = 10_000
EMBED_DIM = 256
NA_VALUE, RARE = "(n/a)", "_RARE_"
K = 3
M64 = (1 << 64) - 1


# ---------------------------------------------------------------- value embeddings

def _splitmix_out(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133CE4EB) & M64
    return z ^ (z >> 31)


def vector_same(text):
    """The documented rule: seed = first 8 bytes (big-endian) of SHA-256(UTF-8); component i = 2u - 1 with
    u = (z >> 11) / 2^53, z = splitmix64 output of seed + (i + 1) * golden (mod 2^64); unit length."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    v = np.array([2 * ((_splitmix_out((seed + (i + 1) * 0x9E3779B97F4A7C15) & M64) >> 11) * 2.0 ** -53) - 1
                  for i in range(EMBED_DIM)])
    return v / np.sqrt((v * v).sum())


def vector_other(text):
    """A different fixed rule: Gaussian components from a generator seeded by the text's MD5."""
    rng = np.random.default_rng(int.from_bytes(hashlib.md5(text.encode("utf-8")).digest(), "little"))
    v = rng.standard_normal(EMBED_DIM)
    return v / np.linalg.norm(v)


# ---------------------------------------------------------------- encoding

def quantile_fit(ref, rng):
    """Quantiles as scikit-learn's QuantileTransformer takes them: levels from all reference rows, the values of
    a 10,000-row random subsample when there are more rows, missing values ignored, made non-decreasing."""
    n_q = max(1, min(N_QUANTILES, len(ref)))
    levels = np.linspace(0, 1, n_q)
    sample = ref if len(ref) <= QUANTILE_SUBSAMPLE else ref[rng.choice(len(ref), QUANTILE_SUBSAMPLE, replace=False)]
    present = sample[~np.isnan(sample)]
    if len(present) == 0:
        return None, levels
    q = np.maximum.accumulate(np.percentile(present, levels * 100))
    return q, levels


def quantile_transform(x, q, levels):
    out = np.zeros(len(x))
    ok = ~np.isnan(x)
    if q is None:
        return out
    v = x[ok]
    y = 0.5 * (np.interp(v, q, levels) - np.interp(-v, -q[::-1], -levels[::-1]))
    y[v == q[-1]] = 1
    y[v == q[0]] = 0
    out[ok] = y - 0.5
    return out


def pca_points(values, vector):
    """PCA of the value vectors (+ the rare point) onto 2/3/4 dims by the number of distinct values."""
    dims = 2 if len(values) <= 20 else 3 if len(values) <= 100 else 4
    e = np.array([vector(v) for v in values + [RARE]])
    e = e - e.mean(axis=0)
    u, s, _ = np.linalg.svd(e, full_matrices=False)
    coords = u[:, :dims] * s[:dims]
    coords[:, s[:dims] <= 1e-6 * s[0]] = 0  # a direction of no variance
    if coords.shape[1] < dims:
        coords = np.hstack([coords, np.zeros((len(coords), dims - coords.shape[1]))])
    return {v: coords[i] for i, v in enumerate(values)}, coords[-1], dims


def encode(header, tables, na, rng, vector):
    """tables = (training, holdout, synthetic) as lists of columns; returns three row-unit matrices and dim names."""
    trn, hol, syn = tables
    cols = list(range(min(MAX_COLUMNS, len(header))))
    types = {j: infer_type(trn[j], na) for j in cols}
    numeric = [j for j in cols if types[j] != "categorical"]
    categorical = [j for j in cols if types[j] == "categorical"]
    blocks = [[], [], []]
    names = []
    for j in numeric:
        parse = to_float if types[j] == "numeric" else to_micros

        def values(cells):
            return np.array([np.nan if c in na or parse(c) is None else float(parse(c)) for c in cells])

        t, h, s = values(trn[j]), values(hol[j]), values(syn[j])
        q, levels = quantile_fit(np.concatenate([t, h]), rng)
        for b, x in zip(blocks, (t, h, s)):
            b.append(quantile_transform(x, q, levels)[:, None])
        names.append(header[j])
        if any(c in na for c in trn[j]) or any(c in na for c in hol[j]):
            for b, cells in zip(blocks, (trn[j], hol[j], syn[j])):
                b.append(np.array([0.5 if c in na else -0.5 for c in cells])[:, None])
            names.append(header[j] + " - N/A")
    for j in categorical:
        def labels(cells):
            return [NA_VALUE if c in na else c for c in cells]

        t, h, s = labels(trn[j]), labels(hol[j]), labels(syn[j])
        counts = {}
        for v in t + h:
            counts[v] = counts.get(v, 0) + 1
        values = sorted(counts, key=lambda v: (-counts[v], v))
        points, rare, dims = pca_points(values, vector)
        for b, lab in zip(blocks, (t, h, s)):
            b.append(np.array([points.get(v, rare) for v in lab]))
        names += [f"{header[j]} - PCA {d + 1}" for d in range(dims)]
    out = []
    for b in blocks:
        x = np.hstack(b)
        norm = np.sqrt((x * x).sum(axis=1))
        norm[norm == 0] = 1
        out.append(x / norm[:, None])
    return out[0], out[1], out[2], names


# ---------------------------------------------------------------- groups

def correlated_groups(ref, rng):
    noisy = ref + 1e-8 * rng.standard_normal(ref.shape)
    a = np.abs(np.corrcoef(noisy, rowvar=False))
    np.fill_diagonal(a, 0)
    lap, dd = laplacian(a, normed=True, return_diag=True)
    _, vecs = np.linalg.eigh(lap)
    emb = vecs[:, :K] / dd[:, None]
    emb = emb * np.sign(emb[np.abs(emb).argmax(axis=0), range(K)])
    best, best_inertia = None, np.inf
    for _ in range(10):
        centres, labels = kmeans2(emb, K, minit="++", rng=rng)
        inertia = ((emb - centres[labels]) ** 2).sum()
        if inertia < best_inertia:
            best, best_inertia = labels, inertia
    return [np.flatnonzero(best == c) for c in range(K) if (best == c).any()]


def random_groups(dim, rng):
    perm = rng.permutation(dim)
    return [np.sort(p) for p in np.array_split(perm, K)]


# ---------------------------------------------------------------- distances

def two_nearest(data, query):
    """Exact distances of every query row to its nearest and second-nearest data row."""
    if data.shape[1] <= 20:
        d, _ = cKDTree(data).query(query, k=2)
        return d[:, 0], d[:, 1]
    dn = (data * data).sum(axis=1)
    out = np.empty((len(query), 2))
    for s in range(0, len(query), 512):
        q = query[s:s + 512]
        d2 = dn[None, :] - 2 * q @ data.T
        cand = np.argpartition(d2, 3, axis=1)[:, :4]
        exact = np.sqrt(((q[:, None, :] - data[cand]) ** 2).sum(axis=2))
        exact.sort(axis=1)
        out[s:s + 512] = exact[:, :2]
    return out[:, 0], out[:, 1]


def figures(trn, hol, syn, dims):
    st1, st2 = two_nearest(trn[:, dims], syn[:, dims])
    sh1, sh2 = two_nearest(hol[:, dims], syn[:, dims])
    share = np.mean(st1 < sh1) + np.mean(st1 == sh1) / 2
    nndr_t = np.sort((st1 + 1e-8) / (st2 + 1e-8))[min(9, len(st1) - 1)]
    nndr_h = np.sort((sh1 + 1e-8) / (sh2 + 1e-8))[min(9, len(sh1) - 1)]
    return {"dims": len(dims), "dcr_share": float(share), "nndr_ratio": float(nndr_t / nndr_h),
            "identical_match_share": float(np.mean(st1 <= 1e-6))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--holdout", required=True)
    ap.add_argument("--synth", required=True)
    ap.add_argument("--na-values", default="")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cap", type=int, default=0)
    ap.add_argument("--embedding", choices=("same", "other"), default="same")
    ap.add_argument("--groups-from")
    a = ap.parse_args()
    na = NA_TOKENS | set(t for t in a.na_values.split(",") if t)
    rng = np.random.default_rng(a.seed)
    header, trn = read_csv(a.train)
    hh, hol = read_csv(a.holdout)
    sh, syn = read_csv(a.synth)
    hol = [hol[hh.index(c)] for c in header]
    syn = [syn[sh.index(c)] for c in header]
    n = min(len(trn[0]), len(hol[0]), len(syn[0]), a.cap or 1 << 62)
    tables = []
    for t in (trn, hol, syn):
        pick = np.sort(rng.choice(len(t[0]), n, replace=False)) if n < len(t[0]) else np.arange(n)
        tables.append([[col[i] for i in pick] for col in t])
    vector = vector_same if a.embedding == "same" else vector_other
    x_trn, x_hol, x_syn, names = encode(header, tables, na, rng, vector)
    dim = len(names)
    groups = [("all", np.arange(dim))]
    if dim > 10:
        corr = sorted(correlated_groups(np.vstack([x_trn, x_hol]), rng), key=lambda g: g[0])
        groups += [(f"correlated {i + 1}", g) for i, g in enumerate(corr)]
        groups += [(f"random {i + 1}", g) for i, g in enumerate(random_groups(dim, rng))]
    out = {"rows": n, "dims": dim, "groups": []}
    worst, best = 0, 0.0
    for i, (name, dims) in enumerate(groups):
        f = figures(x_trn, x_hol, x_syn, dims)
        f["name"] = name
        f["dim_names"] = [names[d] for d in dims]
        out["groups"].append(f)
        if f["dcr_share"] >= best:
            worst, best = i, f["dcr_share"]
    out["headline"] = out["groups"][worst]["name"]
    out["dcr_share"] = out["groups"][worst]["dcr_share"]
    out["nndr_ratio"] = out["groups"][worst]["nndr_ratio"]
    out["identical_match_share"] = out["groups"][worst]["identical_match_share"]
    if a.groups_from:
        java = json.load(open(a.groups_from))["issosynth"]["privacy"]["groups"]
        index = {nm: i for i, nm in enumerate(names)}
        out["on_issosynth_groups"] = []
        for g in java:
            dims = np.array(sorted(index[nm] for nm in g["dim_names"]))
            f = figures(x_trn, x_hol, x_syn, dims)
            f["name"] = g["name"]
            out["on_issosynth_groups"].append(f)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
