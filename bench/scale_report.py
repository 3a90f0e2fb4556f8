#!/usr/bin/env python3
"""The scale benchmark's records (bench/scale.sh): one TSV line per job, and the Markdown tables made from them.

  scale_report.py record TSV JOBDIR key=value ...
      reads JOBDIR/{job.log,summary.json,time.txt,stderr.txt} of one finished (or failed) `run` and appends one
      line to TSV (the header first when TSV is new). key=value: the job's description as scale.sh knows it
      (batch, commit, cols, rows, heap, opts, rep, exit, t0 = the launch as Unix seconds, ...).
  scale_report.py report TSV [--batch ID] [--since YYYY-MM-DD] [--commit PREFIX] [--any-commit] [--any-heap]
      prints the Markdown tables: per shape and size the time per stage (min / median over the repeats), peak
      RSS and accuracy, then per shape and stage the growth exponent b of time ~ a * rows^b (least squares on
      log-log over the sizes present, min time per size). Jobs are grouped by shape, heap, options and commit
      (--any-commit: not by commit, to fit sizes run on different commits together; --any-heap: not by heap, for
      sizes run with the heap each needs).

The stages (seconds). The JSON summary has only ipf, trim and refine (and 'pool' with 0 s); the rest comes from the
log's timestamps, aligned with the launch time t0:
  read      launch -> first generator line, less privref: JVM start, reading and binning the training file
            (privref included when the job failed before the line that reports it)
  privref   the privacy steering's reference fit (leave-one-out distances of training rows), before training;
            from the log's closing 'privacy steering: ... (reference X s' line
  train     first generator line -> last '[generate ...] done', less generate: argn's encoding and training
  generate  the '[generate ...]' stages: sampling the pool, writing pool_data/ and binning it on the way
  poolprep  last generation done -> '[rank] started': copies of training rows, the steering's pool sample
  rank      '[rank]': pair ranking, the objective's features
  ipf, trim, refine   the JSON summary's stage seconds (refine includes the steering's searches)
  score     accuracy of each stage's rows (the 'pool' random subset and ipf/trim/refine), which the log's
            stage times include and the JSON's do not
  estimate  '[refine] done' -> '[write] started': the steering's estimate of the result
  write     '[write]': the result's text from the pool file
  end       '[write] done' -> process exit: JSON, report, holdout figures (if asked), JVM exit
  other     wall - all of the above (gaps between log lines; should be ~0)
"""
import csv
import datetime
import json
import math
import os
import re
import statistics
import sys

STAGES = ["read", "privref", "train", "generate", "poolprep", "rank", "ipf", "trim", "refine", "score", "estimate",
          "write", "end", "other"]
COLUMNS = (["date", "batch", "commit", "host", "cpus", "cols", "rows", "heap", "opts", "rep", "exit", "wall_s",
            "rss_mb", "heap_mb"] + [s + "_s" for s in STAGES]
           + ["acc", "acc_pool", "acc_real", "pool_rows", "result_rows", "epochs", "stop", "capped", "job", "note"])
LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \S+\s+\S+ - (.*)$")
MISSING = "-"


# ---------------------------------------------------------------------------------------------------- record

def log_events(path):
    """(unix seconds, message) per log line; continuation lines (stack traces) are skipped."""
    events = []
    if not os.path.exists(path):
        return events
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if m:
                t = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()
                events.append((t, m.group(2)))
    return events


def time_v(path):
    """Wall seconds, peak RSS in kB and exit status from /usr/bin/time -v's output."""
    wall = rss = status = None
    if not os.path.exists(path):
        return wall, rss, status
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                v = line.rsplit(" ", 1)[1].split(":")
                wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(v)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1])
            elif line.startswith("Exit status"):
                status = int(line.rsplit(" ", 1)[1])
    return wall, rss, status


def gc_heap(path):
    """Largest heap occupancy after a collection, in MB, from the JVM's -Xlog:gc file (None without one)."""
    after = None
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as f:
        for line in f:
            for m in re.finditer(r"(\d+)([KMG])->(\d+)([KMG])\(\d+[KMG]\)", line):
                v = int(m.group(3)) * {"K": 1 / 1024, "M": 1, "G": 1024}[m.group(4)]
                after = v if after is None else max(after, v)
    return after


def stage_spans(events):
    """Per '[stage]' name: list of (started, done, message of done) in order."""
    open_, spans = {}, {}
    for t, msg in events:
        m = re.match(r"^\[([^\]]+)\] (started|done in \S+)(.*)$", msg)
        if not m:
            continue
        name = m.group(1)
        if m.group(2) == "started":
            open_[name] = t
        elif name in open_:
            spans.setdefault(name, []).append((open_.pop(name), t, m.group(3)))
    return spans


def fmt(x, digits=1):
    return MISSING if x is None else f"{x:.{digits}f}".replace("-0.0", "0.0")


def record(tsv, job, meta):
    events = log_events(os.path.join(job, "job.log"))
    wall, rss, status = time_v(os.path.join(job, "time.txt"))
    summary = None
    try:
        with open(os.path.join(job, "summary.json")) as f:
            summary = json.load(f)
    except (OSError, ValueError):
        pass
    t0 = float(meta["t0"])
    ok = meta.get("exit") == "0"
    spans = stage_spans(events)
    st = {s: None for s in STAGES}

    def span(name, k=0):
        v = spans.get(name, [])
        return v[k] if len(v) > k else None

    ref = None
    for _, msg in events:
        m = re.search(r"^privacy steering: .*\(reference ([\d.]+) s", msg)
        if m:
            ref = float(m.group(1))
    if ref is None and ok:
        ref = 0.0  # no steering (--no-privacy-guard)
    st["privref"] = ref
    gen_first = next((t for t, msg in events if re.match(r"^\[(train|generate)[ \]]", msg)), None)
    if gen_first is None and events:
        gen_first = events[0][0]
    if gen_first is not None:
        st["read"] = gen_first - t0 - (ref or 0.0)
    gens = [s for name, v in spans.items() if name.startswith("generate") for s in v]
    gen_done = max((d for _, d, _ in gens), default=None)
    if gens:
        st["generate"] = sum(d - s for s, d, _ in gens)
        st["train"] = gen_done - gen_first - st["generate"]
    rank = span("rank")
    if rank:
        st["rank"] = rank[1] - rank[0]
        if gen_done is not None:
            st["poolprep"] = rank[0] - gen_done
    json_secs = {}
    if summary:
        for s in summary["issosynth"]["stages"]:
            json_secs[s["stage"]] = s["seconds"]
    score = 0.0
    ipf = span("ipf")
    if rank and ipf:
        score += ipf[0] - rank[1]  # the random subset of the pool scored as stage 'pool'
    for name in ("ipf", "trim", "refine"):
        sp = span(name)
        logged = sp[1] - sp[0] if sp else None
        st[name] = json_secs.get(name, logged)
        if logged is not None and name in json_secs:
            score += max(0.0, logged - json_secs[name])
    if json_secs:
        st["score"] = score
    refine, write = span("refine"), span("write")
    if refine and write:
        st["estimate"] = write[0] - refine[1]
    if write:
        st["write"] = write[1] - write[0]
        if wall is not None:
            st["end"] = t0 + wall - write[1]
    if wall is not None:
        st["other"] = wall - sum(v for k, v in st.items() if v is not None and k != "other")

    epochs, stop = [], []
    capped = []
    for name, v in spans.items():
        for _, _, detail in v:
            if name.startswith("train"):
                m = re.search(r"(\d+) epochs", detail)
                if m:
                    epochs.append(m.group(1))
                    stop.append("time" if "(time limit)" in detail else "early" if "(early stop)" in detail
                                else "max")
            if "(time budget hit)" in detail:
                capped.append(name)
    if "time" in stop:
        capped.insert(0, "train")
    note = ""
    if not ok:
        try:
            with open(os.path.join(job, "stderr.txt"), errors="replace") as f:
                lines = [x.strip() for x in f if x.strip() and not x.startswith("WARNING: Using incubator")
                         and not x.startswith("\t")]
            errs = [x for x in lines if x.startswith("issosynth:")] or lines
            if errs:
                note = errs[-1]
        except OSError:
            pass
        if status is None and os.path.exists(os.path.join(job, "time.txt")):
            with open(os.path.join(job, "time.txt"), errors="replace") as f:
                head = f.readline().strip()
            if head.startswith("Command terminated"):
                note = (head + "; " + note).strip("; ")
    acc = pool_acc = real = pool_rows = result_rows = None
    if summary:
        a = summary.get("accuracy") or {}
        acc, real = a.get("overall"), a.get("overall_max")
        for s in summary["issosynth"]["stages"]:
            if s["stage"] == "pool" and s.get("accuracy"):
                pool_acc = s["accuracy"]["overall"]
        pool_rows = summary["issosynth"]["pool_rows"]
        result_rows = summary["issosynth"]["result_rows"]

    row = dict(meta)
    row.update({
        "wall_s": fmt(wall), "rss_mb": MISSING if rss is None else str(round(rss / 1024)),
        "heap_mb": fmt(gc_heap(os.path.join(job, "gc.log")), 0),
        "acc": fmt(acc, 5), "acc_pool": fmt(pool_acc, 5), "acc_real": fmt(real, 5),
        "pool_rows": MISSING if pool_rows is None else str(pool_rows),
        "result_rows": MISSING if result_rows is None else str(result_rows),
        "epochs": ",".join(epochs) or MISSING, "stop": ",".join(stop) or MISSING,
        "capped": ",".join(capped) or MISSING, "job": job,
        "note": re.sub(r"\s+", " ", note)[:200] or MISSING,
    })
    for s in STAGES:
        row[s + "_s"] = fmt(st[s])
    header = COLUMNS
    if os.path.exists(tsv) and os.path.getsize(tsv) > 0:
        with open(tsv, newline="") as f:
            header = next(csv.reader(f, delimiter="\t"))
        if header != COLUMNS:
            print(f"scale_report.py: {tsv} has other columns than this version writes; the line follows its header",
                  file=sys.stderr)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(tsv)), exist_ok=True)
        with open(tsv, "w", newline="") as f:
            f.write("\t".join(COLUMNS) + "\n")
    with open(tsv, "a", newline="") as f:
        f.write("\t".join(str(row.get(c, MISSING)).replace("\t", " ") for c in header) + "\n")
    print(f"  exit {row['exit']}, wall {row['wall_s']} s, peak RSS {row['rss_mb']} MB, accuracy {row['acc']} (pool"
          f" subset {row['acc_pool']})" + ("" if row["note"] == MISSING else f": {row['note']}"), file=sys.stderr)
    return row


# ---------------------------------------------------------------------------------------------------- report

def rows_label(n):
    n = int(n)
    for div, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= div and n % (div // 10) == 0:
            v = n / div
            return f"{v:g}{suffix}"
    return f"{n:,}"


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def cell(values, digits=1):
    """min, or min / median when there are several."""
    v = [x for x in values if x is not None]
    if not v:
        return MISSING
    if len(v) == 1:
        return fmt(min(v), digits)
    return f"{fmt(min(v), digits)} / {fmt(statistics.median(v), digits)}"


def fit(xs, ys):
    """b, a and R^2 of y = a * x^b by least squares on log-log."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    sxx = sum((x - mx) ** 2 for x in lx)
    b = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx
    a = math.exp(my - b * mx)
    ss = sum((y - my) ** 2 for y in ly)
    res = sum((y - (math.log(a) + b * x)) ** 2 for x, y in zip(lx, ly))
    return b, a, (1 - res / ss) if ss > 0 else 1.0


def report(tsv, args):
    with open(tsv, newline="") as f:
        runs = list(csv.DictReader(f, delimiter="\t"))
    since = commit = batch = None
    any_commit = False
    any_heap = False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--any-commit":
            any_commit = True
        elif a == "--any-heap":
            any_heap = True
        elif a in ("--since", "--commit", "--batch") and i + 1 < len(args):
            i += 1
            if a == "--since":
                since = args[i]
            elif a == "--commit":
                commit = args[i]
            else:
                batch = args[i]
        else:
            sys.exit(f"scale_report.py report: unknown argument {a}")
        i += 1
    runs = [r for r in runs if (since is None or r["date"] >= since) and (batch is None or r["batch"] == batch)
            and (commit is None or r["commit"].startswith(commit))]
    if not runs:
        print("no runs")
        return
    setting = (lambda r: (r["cols"], "any" if any_heap else r["heap"], r["opts"])
               + (() if any_commit else (r["commit"],)))
    groups = {}
    for r in runs:
        groups.setdefault(setting(r), {}).setdefault(int(r["rows"]), []).append(r)
    keys = sorted(groups, key=lambda k: (int(k[0]), k[1:]))
    stage_cols = [s for s in STAGES if any(num(r[s + "_s"]) not in (None,) for r in runs)]

    def setting_label(k):
        s = f"x{k[0]}, -Xmx{k[1]}, {k[2] or 'default options'}"
        if not any_commit:
            s += f", {k[3]}"
        else:
            commits = sorted({r["commit"] for by in groups[k].values() for r in by})
            s += ", " + "+".join(commits)
        return s

    names = {k: f"S{i + 1}" for i, k in enumerate(keys)}
    print("Settings (shape, heap, run options, commit):\n")
    for k in keys:
        print(f"- {names[k]}: {setting_label(k)}")
    print("\nTime per stage, seconds (min / median over the runs that exited 0; a group with no such run shows its"
          " failed runs):\n")
    print("| setting | shape | rows | runs | wall | " + " | ".join(stage_cols) + " |")
    print("|---|---|---:|---:|---:|" + "---:|" * len(stage_cols))
    for k in keys:
        for n in sorted(groups[k]):
            rs = groups[k][n]
            good = [r for r in rs if r["exit"] == "0"] or rs
            line = [names[k], f"x{k[0]}", rows_label(n), f"{sum(r['exit'] == '0' for r in rs)}/{len(rs)}",
                    cell([num(r["wall_s"]) for r in good])]
            line += [cell([num(r[s + "_s"]) for r in good]) for s in stage_cols]
            print("| " + " | ".join(line) + " |")
    print("\nMemory, accuracy, training (peak RSS of the JVM and the largest heap occupancy after a collection, MB,"
          " min / median; accuracy of the result, of a random subset of the pool of the same size, and of a fresh"
          " real sample ('real', the metric's ceiling); argn epochs and stop reason per model; stages that hit"
          " their time budget):\n")
    print("| setting | shape | rows | exit | peak RSS MB | heap after GC MB | accuracy | pool subset | real | pool rows"
          " | epochs | stop | capped | note |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|---|---|")
    for k in keys:
        for n in sorted(groups[k]):
            rs = groups[k][n]
            good = [r for r in rs if r["exit"] == "0"] or rs
            last = good[-1]
            exits = ",".join(sorted({r["exit"] for r in rs}))
            notes = sorted({r["note"] for r in rs if r["note"] != MISSING})
            line = [names[k], f"x{k[0]}", rows_label(n), exits, cell([num(r["rss_mb"]) for r in good], 0),
                    cell([num(r.get("heap_mb")) for r in good], 0),
                    last["acc"], last["acc_pool"], last["acc_real"],
                    MISSING if last["pool_rows"] == MISSING else rows_label(last["pool_rows"]),
                    last["epochs"], last["stop"], last["capped"],
                    "; ".join(notes)[:160].replace("|", "/") or MISSING]
            print("| " + " | ".join(line) + " |")

    print("\nGrowth: time ~ a * rows^b, least squares on log-log over the sizes of a setting (min per size, runs that"
          " exited 0); 'at' = the fitted value at the smallest and largest size; R^2 with 3 or more sizes. A stage"
          " that hit a time budget (column 'capped') is flattened by it; stages under 1 s at every size are left"
          " out.\n")
    any_fit = False
    for k in keys:
        sizes = sorted(n for n, rs in groups[k].items() if any(r["exit"] == "0" for r in rs))
        if len(sizes) < 2:
            continue
        if not any_fit:
            print("| setting | stage | b | at smallest -> largest | R^2 | sizes | capped at |")
            print("|---|---|---:|---|---:|---|---|")
            any_fit = True
        for s in ["wall"] + stage_cols + ["rss", "heap"]:
            col = {"wall": "wall_s", "rss": "rss_mb", "heap": "heap_mb"}.get(s, s + "_s")
            if s == "other":
                continue
            xs, ys = [], []
            for n in sizes:
                v = [num(r.get(col)) for r in groups[k][n] if r["exit"] == "0"]
                v = [x for x in v if x is not None]
                if v and min(v) > 0:
                    xs.append(n)
                    ys.append(min(v))
            if len(xs) < 2 or max(ys) < 1:
                continue
            b, a, r2 = fit(xs, ys)
            unit, digits = (" MB", 0) if s in ("rss", "heap") else (" s", 1)
            capped = [rows_label(n) for n in sizes if any(
                s in r["capped"].split(",") for r in groups[k][n] if r["exit"] == "0")]
            label = {"rss": "peak RSS", "heap": "heap after GC"}.get(s, s)
            print(f"| {names[k]} | {label} | {b:.2f} | "
                  f"{a * xs[0] ** b:.{digits}f} -> {a * xs[-1] ** b:.{digits}f}{unit} | {f'{r2:.3f}' if len(xs) > 2 else MISSING} | "
                  f"{', '.join(rows_label(x) for x in xs)} | {', '.join(capped) or MISSING} |")
    if not any_fit:
        print("(no setting has two sizes that exited 0)")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "record":
        meta = dict(a.split("=", 1) for a in sys.argv[4:])
        record(sys.argv[2], sys.argv[3], meta)
    elif len(sys.argv) >= 3 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
