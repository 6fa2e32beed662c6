"""Start-up time and memory: wardpanel's home screen against a bare Textual app.

Each start is a fresh Python process (benchmarks/startup_probe.py) run the same way for
both apps; the time runs from just before the process is spawned to the first paint of
the first screen, and the memory is the child's VmRSS at that moment.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
PYCACHE = Path(__file__).parent / "data" / "pycache"
IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


@dataclass(frozen=True)
class Start:
    """One start: seconds to first paint, split into interpreter, build and first run."""

    seconds: float
    interpreter: float
    build: float
    run: float
    rss_kib: int
    screen: str
    heavy_modules: tuple[str, ...]


@dataclass(frozen=True)
class Startups:
    wardpanel: list[Start]
    bare: list[Start]

    @staticmethod
    def median_seconds(starts: list[Start]) -> float:
        return statistics.median(s.seconds for s in starts)

    @staticmethod
    def median_phases(starts: list[Start]) -> tuple[float, float, float]:
        """Medians of the interpreter's start, the imports and build, and the first run."""
        return (
            statistics.median(s.interpreter for s in starts),
            statistics.median(s.build for s in starts),
            statistics.median(s.run for s in starts),
        )

    @staticmethod
    def median_rss(starts: list[Start]) -> float:
        return statistics.median(s.rss_kib for s in starts)


def _command(which: str, database: Path) -> list[str]:
    args = [sys.executable, str(PROBE), which]
    return [*args, str(database)] if which == "wardpanel" else args


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # Nothing of a developer's session may change what either app does at start-up.
    for name in ("TEXTUAL", "TEXTUAL_DEVTOOLS_PORT", "PYTHONPROFILEIMPORTTIME", "WARDPANEL_DB"):
        env.pop(name, None)
    # An installed app starts from cached bytecode. With PYTHONDONTWRITEBYTECODE (set in
    # some shells and containers) wardpanel, installed editable, would be compiled at every
    # start while Textual's wheel came with its .pyc files. The warm-up start fills a
    # cache of our own, outside the source tree, for both apps alike.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def start_once(which: str, database: Path) -> Start:
    """Spawn one probe and time it from just before the spawn to its first paint."""
    command = _command(which, database)
    began = time.monotonic()
    done = subprocess.run(
        command, capture_output=True, text=True, env=_environment(), timeout=60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Start(
        seconds=report["painted"] - began,
        interpreter=report["started"] - began,
        build=report["built"] - report["started"],
        run=report["painted"] - report["built"],
        rss_kib=report["rss_kib"],
        screen=report["screen"],
        heavy_modules=tuple(report["heavy_modules"]),
    )


def measure(database: Path, runs: int = 9, warmups: int = 1) -> Startups:
    """Alternate the two apps, so that any drift of the machine touches both alike."""
    for _ in range(warmups):
        start_once("bare", database)
        start_once("wardpanel", database)
    wardpanel: list[Start] = []
    bare: list[Start] = []
    for _ in range(runs):
        bare.append(start_once("bare", database))
        wardpanel.append(start_once("wardpanel", database))
    return Startups(wardpanel=wardpanel, bare=bare)


@dataclass(frozen=True)
class ImportReport:
    """What one start imported, from `python -X importtime`: self time by package."""

    by_package: dict[str, float]  # ms of import work, summed over each root package
    modules: frozenset[str]

    @property
    def total_ms(self) -> float:
        return sum(self.by_package.values())

    def largest(self, count: int) -> list[tuple[str, float]]:
        return sorted(self.by_package.items(), key=lambda item: item[1], reverse=True)[:count]

    def loaded(self, package: str) -> bool:
        return any(m == package or m.startswith(f"{package}.") for m in self.modules)


def _import_once(which: str, database: Path) -> tuple[dict[str, float], set[str]]:
    command = [sys.executable, "-X", "importtime", *_command(which, database)[1:]]
    done = subprocess.run(
        command, capture_output=True, text=True, env=_environment(), timeout=60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    by_package: dict[str, float] = {}
    modules: set[str] = set()
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if not match:
            continue
        self_us, module = int(match[1]), match[4]
        modules.add(module)
        root = module.split(".")[0]
        by_package[root] = by_package.get(root, 0.0) + self_us / 1000
    return by_package, modules


def _report(runs: list[tuple[dict[str, float], set[str]]]) -> ImportReport:
    packages = {package for by_package, _ in runs for package in by_package}
    return ImportReport(
        by_package={
            package: statistics.median(by_package.get(package, 0.0) for by_package, _ in runs)
            for package in packages
        },
        modules=frozenset().union(*(modules for _, modules in runs)),
    )


def import_times(database: Path, repeat: int = 3) -> tuple[ImportReport, ImportReport]:
    """wardpanel's and the bare app's imports under `python -X importtime`, alternately
    `repeat` times each; the time of each package is its median."""
    wardpanel, bare = [], []
    for _ in range(repeat):
        wardpanel.append(_import_once("wardpanel", database))
        bare.append(_import_once("bare", database))
    return _report(wardpanel), _report(bare)
