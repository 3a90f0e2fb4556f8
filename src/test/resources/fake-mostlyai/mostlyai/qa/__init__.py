"""Fake mostlyai.qa: present because the SDK's local mode requires it."""
