"""Test controls shared by the fake mostlyai packages and the fake pandas (tests only), set by environment variables:

FAKE_MOSTLYAI_RECORD  file that collects every call's arguments as one JSON object {call name: arguments}
FAKE_MOSTLYAI_MODE    what training does instead of succeeding: raise | fail-job | exit | hang
FAKE_MOSTLYAI_PIDS    with hang: file that gets "<this pid> <child pid>" once the child is running
FAKE_MOSTLYAI_NO_SDK  set: the SDK's local extras are missing (mostlyai.sdk._local.server does not import)
"""
import json
import os
import subprocess
import sys
import time

TRAINING_FAILURE = "fake: training data rejected"
JOB_FAILURE = "fake: CUDA out of memory"


def record(call, **arguments):
    path = os.environ.get("FAKE_MOSTLYAI_RECORD")
    if not path:
        return
    calls = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            calls = json.load(f)
    calls[call] = arguments
    with open(path, "w", encoding="utf-8") as f:
        json.dump(calls, f, indent=1, sort_keys=True)


def mode():
    return os.environ.get("FAKE_MOSTLYAI_MODE", "")


def misbehave_in_training():
    """raise, exit or hang as FAKE_MOSTLYAI_MODE says; fail-job is the caller's (the SDK reports it as a status)."""
    if mode() == "raise":
        raise RuntimeError(TRAINING_FAILURE)
    if mode() == "exit":
        print("fake: dying without a status line", file=sys.stderr, flush=True)
        os._exit(3)
    if mode() == "hang":
        # a child process too, as the SDK's local mode trains in one; the test checks both are stopped
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        with open(os.environ["FAKE_MOSTLYAI_PIDS"], "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {child.pid}")
        time.sleep(600)
