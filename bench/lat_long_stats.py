"""Position figures of a synthetic airbnb table against its training table (1 - TVD, deciles as the QA library
bins numbers): latitude x longitude, neighbourhood x latitude, neighbourhood x longitude (the 10 most common
neighbourhoods, the rest as one), and the share of rows whose position lies inside the training's bounding box of
their own neighbourhood. Prints the four figures on one line."""
import csv
import sys
from collections import Counter


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def deciles(values):
    s = sorted(values)
    return [s[int(len(s) * k / 10)] for k in range(1, 10)]


def bin_of(v, cuts):
    return sum(v >= c for c in cuts)


def tvd_score(a, b):
    ca, cb = Counter(a), Counter(b)
    na, nb = len(a), len(b)
    return 1 - 0.5 * sum(abs(ca[k] / na - cb[k] / nb) for k in set(ca) | set(cb))


train, synth = read(sys.argv[1]), read(sys.argv[2])
lat_cuts = deciles([float(r["latitude"]) for r in train])
lon_cuts = deciles([float(r["longitude"]) for r in train])
top = {h for h, _ in Counter(r["neighbourhood"] for r in train).most_common(10)}


def keys(rows):
    lat = [bin_of(float(r["latitude"]), lat_cuts) for r in rows]
    lon = [bin_of(float(r["longitude"]), lon_cuts) for r in rows]
    hood = [r["neighbourhood"] if r["neighbourhood"] in top else "(other)" for r in rows]
    return list(zip(lat, lon)), list(zip(hood, lat)), list(zip(hood, lon))


box = {}
for r in train:
    y, x = float(r["latitude"]), float(r["longitude"])
    b = box.setdefault(r["neighbourhood"], [y, y, x, x])
    b[0], b[1], b[2], b[3] = min(b[0], y), max(b[1], y), min(b[2], x), max(b[3], x)
inside = 0
for r in synth:
    b = box.get(r["neighbourhood"])
    y, x = float(r["latitude"]), float(r["longitude"])
    inside += b is not None and b[0] <= y <= b[1] and b[2] <= x <= b[3]
t, s = keys(train), keys(synth)
print(" ".join(f"{tvd_score(t[i], s[i]):.5f}" for i in range(3)), f"{inside / len(synth):.4f}")
