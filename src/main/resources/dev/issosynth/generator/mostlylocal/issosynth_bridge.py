"""issosynth's bridge to the MOSTLY AI Python SDK in local mode, or to mostlyai-engine when the SDK is absent.

Run by `issosynth --generator mostly-local` (written to a temp folder from the jar):

    python issosynth_bridge.py --probe        one JSON line on stdout: which backends import here
    python issosynth_bridge.py PARAMS.json    train, sample, write the pool CSV

Protocol: progress goes to stderr as `{"progress": {"stage", "fraction", "message"}}` lines (anything else on either
stream is only logged), and the LAST stdout line is the status: `{"status": "DONE", "rows", "backend",
"generatorId"}`, or `{"status": "FAILED", "error"}` with exit code 1.

pandas is imported only after the probe (which must work without it); the SDK and the engine both depend on it and
take and return DataFrames. issosynth's tests run this script against fake mostlyai and pandas packages.
"""
import json
import platform
import signal
import sys
import threading
import time

TERMINAL = ("DONE", "FAILED", "CANCELED")
POLL_SECONDS = 2.0
HEARTBEAT_SECONDS = 10.0


def one_line(error):
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def report_progress(stage, fraction=None, message=""):
    line = {"progress": {"stage": stage, "fraction": fraction, "message": message}}
    # one write per line: the heartbeat thread and library logging share stderr
    sys.stderr.write(json.dumps(line) + "\n")
    sys.stderr.flush()


def print_status(status):
    # on a fresh line, in case a library left its last stdout line unterminated
    sys.stdout.write("\n" + json.dumps(status) + "\n")
    sys.stdout.flush()


def probe():
    """Which backends import; the SDK counts only with its local extras (the same import the SDK checks)."""
    found = {"python": platform.python_version()}
    try:
        import mostlyai.sdk
        import mostlyai.sdk._local.server  # noqa: F401
        import mostlyai.qa  # noqa: F401
        found["sdk"] = getattr(mostlyai.sdk, "__version__", "unknown")
    except Exception as e:  # a broken install raises more than ImportError
        found["sdkError"] = one_line(e)
    try:
        import mostlyai.engine
        found["engine"] = getattr(mostlyai.engine, "__version__", "unknown")
    except Exception as e:
        found["engineError"] = one_line(e)
    print(json.dumps(found), flush=True)


def without_none(d):
    """The SDK and the engine apply their own defaults to omitted settings (e.g. no training time limit)."""
    return {k: v for k, v in d.items() if v is not None}


def read_training(p):
    import pandas as pd

    # issosynth blanks every missing cell (its NA tokens and --na-values) before writing the CSV, so only an empty
    # cell is NA here; categorical columns stay text (leading zeros, "True"), numeric ones are parsed as numbers.
    return pd.read_csv(p["trainCsv"], dtype={c: str for c in p["categoricalColumns"]}, keep_default_na=False,
                       na_values=[""], low_memory=False)


def status_text(status):
    return str(getattr(status, "value", status))


def follow(stage, job_progress):
    """Polls a job (the SDK's JobProgress) until it ends, reporting its progress; returns the last JobProgress."""
    while True:
        job = job_progress()
        steps = job.steps or []
        running = next((s for s in steps if status_text(s.status) == "IN_PROGRESS"), None)
        fraction = None
        if job.progress is not None and job.progress.max:
            fraction = job.progress.value / job.progress.max
        step = status_text(running.step_code) if running is not None else status_text(job.status)
        report_progress(stage, fraction, step)
        if status_text(job.status) in TERMINAL:
            return job
        time.sleep(POLL_SECONDS)


def require_done(what, status, job):
    if status_text(status) == "DONE":
        return
    failed = [s for s in (job.steps or []) if s.error_message]
    reason = f": {status_text(failed[0].step_code)}: {failed[0].error_message}" if failed else ""
    raise RuntimeError(f"{what} ended {status_text(status)}{reason}")


def run_sdk(p, df):
    from mostlyai.sdk import MostlyAI

    mostly = MostlyAI(local=True, local_dir=p["workDir"], quiet=True)
    model_config = without_none({
        "model": p["model"],
        "max_training_time": p["maxTrainingMinutes"],
        "max_epochs": p["maxEpochs"],
        "enable_flexible_generation": p["flexibleGeneration"],
        "value_protection": p["valueProtection"],
        "enable_model_report": False,
    })
    g = mostly.train(config={
        "name": "issosynth pool",
        "random_state": p["randomState"],
        "tables": [{"name": "data", "data": df, "tabular_model_configuration": model_config}],
    }, start=True, wait=False)
    job = follow("train", g.training.progress)
    g.reload()
    require_done("training", g.training_status, job)

    sd = mostly.generate(g, config={
        "name": "issosynth pool",
        "random_state": p["randomState"],
        "tables": [{"name": "data", "configuration": {
            "sample_size": p["rows"],
            "sampling_temperature": p["temperature"],
            "sampling_top_p": p["topP"],
            "enable_data_report": False,
        }}],
    }, start=True, wait=False)
    job = follow("generate", sd.generation.progress)
    sd.reload()
    require_done("generation", sd.generation_status, job)
    return sd.data(), str(g.id)


class Heartbeat:
    """Progress lines while a call that reports nothing runs, so the user sees the bridge is alive."""

    def __init__(self, stage, message):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, args=(stage, message), daemon=True)

    def _beat(self, stage, message):
        report_progress(stage, None, message)
        while not self._stop.wait(HEARTBEAT_SECONDS):
            report_progress(stage, None, message)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


def run_engine(p, df):
    from mostlyai.engine import TabularARGN

    datetime_types = {c: "TABULAR_DATETIME" for c in p["datetimeColumns"]}
    model = TabularARGN(**without_none({
        "model": p["model"],
        "max_training_time": p["maxTrainingMinutes"],
        "max_epochs": p["maxEpochs"],
        "enable_flexible_generation": p["flexibleGeneration"],
        "value_protection": p["valueProtection"],
        # the engine types columns by pandas dtype only, and dates arrive as text
        "tgt_encoding_types": datetime_types or None,
        "workspace_dir": p["workDir"],
        "random_state": p["randomState"],
    }))
    with Heartbeat("train", "mostlyai-engine TabularARGN"):
        model.fit(df)
    with Heartbeat("generate", f"{p['rows']:,} rows"):
        data = model.sample(n_samples=p["rows"], sampling_temperature=p["temperature"], sampling_top_p=p["topP"])
    return data, None


def run(params_path):
    with open(params_path, encoding="utf-8") as f:
        p = json.load(f)
    df = read_training(p)
    backend = p["backend"]
    if backend == "sdk":
        data, generator_id = run_sdk(p, df)
    elif backend == "engine":
        data, generator_id = run_engine(p, df)
    else:
        raise ValueError(f"unknown backend {backend!r}")
    data.to_csv(p["outCsv"], index=False)
    return {"status": "DONE", "rows": len(data), "backend": backend, "generatorId": generator_id}


def exit_on_sigterm():
    # issosynth stops the bridge with SIGTERM (timeout, Ctrl-C): leave through Python so that atexit clean-ups run
    # (the SDK's local server removes its socket file)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv):
    if argv == ["--probe"]:
        probe()
        return 0
    if len(argv) != 1:
        print_status({"status": "FAILED", "error": "usage: issosynth_bridge.py --probe | PARAMS.json"})
        return 2
    exit_on_sigterm()
    try:
        status = run(argv[0])
    except Exception as e:
        import traceback

        traceback.print_exc(file=sys.stderr)
        print_status({"status": "FAILED", "error": one_line(e)})
        return 1
    print_status(status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
