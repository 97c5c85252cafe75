"""Benchmark 6: the packaged one-folder bundle's start-up against start-up from source.

Runs `dist/nscale-studio/nscale-studio --smoke-test` and `python -m desktop_app --smoke-test`
alternately (offscreen, fresh isolated homes) and compares the medians of the `startup_ms` they
print, and the wall clock from launch to that line. The goal is judged on the wall clock: inside
a bundle the app's own clock starts only after the bootloader has started Python and opened
its archive, which is exactly the extra cost being measured. Reports the .deb's
size when one has been built. Skips with a note when there is no bundle; builds nothing itself
(`build_scripts/build_linux.sh` does).
"""

from __future__ import annotations

from benchmarks import startup
from benchmarks.harness import (
    PROJECT_ROOT,
    Goal,
    Row,
    isolated_env,
    median,
    skipped,
    startup_ms,
    temporary_home,
)

NAME = "bundle"
GOAL = Goal("ratio", "<=", 1.6)
DEB_GOAL = Goal("figure", "<=", 60, "MB")
BUNDLE = PROJECT_ROOT / "dist" / "nscale-studio" / "nscale-studio"


def run(quick: bool) -> list[Row]:
    rows: list[Row] = []
    if not BUNDLE.exists():
        rows.append(skipped(NAME, "bundle start-up vs source start-up",
                            f"no bundle: run build_scripts/build_linux.sh to make "
                            f"{BUNDLE.relative_to(PROJECT_ROOT)}", GOAL))
    else:
        runs = 3 if quick else 10
        samples: dict[str, list[float]] = {"bundle": [], "bundle_wall": [], "source": [],
                                           "source_wall": []}
        commands = (("bundle", (str(BUNDLE), "--smoke-test")), ("source", startup.APP_COMMAND))
        for index in range(runs + 1):
            for label, command in commands if index % 2 == 0 else commands[::-1]:
                with temporary_home() as tmp:
                    reported, wall = startup_ms(command, isolated_env(tmp))
                if index:  # the first round only warms the disk cache
                    samples[label].append(reported)
                    samples[f"{label}_wall"].append(wall)
        rows.append(Row(NAME, "bundle start-up to first paint (self-reported)",
                        median(samples["bundle"]), median(samples["source"]),
                        baseline_name="from source", samples=runs, details=samples))
        rows.append(Row(NAME, "bundle start-up, launch to line (wall clock)",
                        median(samples["bundle_wall"]), median(samples["source_wall"]),
                        baseline_name="from source", goal=GOAL, samples=runs))
    debs = sorted((PROJECT_ROOT / "dist").glob("nscale-studio_*.deb"))
    if debs:
        deb = max(debs, key=lambda path: path.stat().st_mtime)
        rows.append(Row(NAME, f".deb size ({deb.name})", deb.stat().st_size / 1_000_000,
                        unit="MB", goal=DEB_GOAL, samples=1))
    else:
        rows.append(skipped(NAME, ".deb size", "no .deb in dist/ (build_scripts/build_linux.sh)",
                            DEB_GOAL))
    return rows
