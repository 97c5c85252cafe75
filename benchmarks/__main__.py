"""`python -m benchmarks`: run the benchmarks, print the table and write the JSON results.

Owns the command line, the order of the runs, the table and the JSON file; each benchmark's
measuring lives in its own module. A benchmark that crashes is reported as an error row and makes
the exit status 1 (so `--quick` in CI proves they still run); a goal that is missed never does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from benchmarks import BENCHMARKS, slow_machine
from benchmarks.harness import RESULTS_DIR, Row
from benchmarks.machine import describe_machine


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure the app against same-run baselines and print a table.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, about a minute in all; only checks the benchmarks run")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)})")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json", metavar="PATH",
                        help="where to write the results (default: benchmarks/results/latest.json)")
    parser.add_argument("--slow", type=float, default=None, metavar="N",
                        help="run as on a machine N times slower: one CPU with 1/N of its time "
                             "(Linux, root; see benchmarks/slow_machine.py)")
    return parser.parse_args(argv)


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def format_table(rows: list[Row]) -> str:
    header = ("benchmark", "figure", "value", "baseline", "ratio", "goal", "met?")
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        if row.skipped:
            met = "skipped"
        elif row.met is None:
            met = "-"
        else:
            met = "yes" if row.met else "NO"
        lines.append((
            row.benchmark,
            row.name,
            _number(row.figure, row.unit),
            _number(row.baseline, row.unit) + (f" ({row.baseline_name})" if row.baseline_name
                                               and row.baseline is not None else ""),
            f"{row.ratio:.2f}x" if row.ratio is not None else "-",
            row.goal.text() if row.goal else "-",
            met,
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if number == 0:
            out.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    notes = [f"- {row.benchmark} / {row.name}: {row.note}" for row in rows if row.note]
    return "\n".join(out) + ("\n\nNotes:\n" + "\n".join(notes) if notes else "")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    names = args.only or list(BENCHMARKS)
    slowed: tuple[str, Path] | None = None
    if args.slow is not None:
        try:
            slowed = slow_machine.enter(args.slow)
        except slow_machine.SlowMachineError as error:
            print(f"python -m benchmarks: --slow: {error}", file=sys.stderr)
            return 2
        print(f"slowed: {slowed[0]}", file=sys.stderr)
    try:
        return _run(args, names, slowed[0] if slowed else None)
    finally:
        if slowed is not None:
            slow_machine.leave(slowed[1])


def _run(args: argparse.Namespace, names: list[str], slowed: str | None) -> int:
    rows: list[Row] = []
    errors = 0
    timings: dict[str, float] = {}
    started = time.perf_counter()
    # The machines are shared: record how busy this one was when the run began.
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''}...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            rows.extend(module.run(args.quick))
        except Exception as error:
            errors += 1
            traceback.print_exc()
            rows.append(Row(name, "ERROR", note=f"{type(error).__name__}: {error}",
                            skipped=True))
        timings[name] = round(time.perf_counter() - began, 1)
    table = format_table(rows)
    print(table)
    payload: dict[str, Any] = {
        "quick": args.quick,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "machine": describe_machine(),
        "slowed": slowed,
        "load_average_before": load_before,
        "seconds": {"total": round(time.perf_counter() - started, 1), **timings},
        "rows": [row.to_json() for row in rows],
        "table": table,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
