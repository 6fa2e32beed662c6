"""The machine a benchmark ran on, as every benchmark's page describes it."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib.metadata import version
from pathlib import Path


def machine(*packages: str) -> dict[str, str]:
    """CPU, system, Python, the versions of `packages` and of SQLite, and the load now
    (the figures of a busy machine are slower, and say so)."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    libraries = [f"{name.capitalize()} {version(name)}" for name in packages]
    return {
        "CPU": f"{model or platform.processor() or 'unknown'}, nproc {os.cpu_count()}",
        "System": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Libraries": ", ".join([*libraries, f"SQLite {sqlite3.sqlite_version}"]),
        "Load average at the start (1 min)": f"{os.getloadavg()[0]:.1f}",
    }
