"""Fake of the module the SDK imports to check for its local extras."""
import os

if os.environ.get("FAKE_MOSTLYAI_NO_SDK"):
    raise ImportError("No module named 'fastapi'")
