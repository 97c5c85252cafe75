"""`batch`: many requests from a prompt file, priced before anything is sent, resumable.

Only argument handling, the checks before sending (plan, --max-spend, budget, --out) and
printing live here; the plan, the journal and the bounded runner are `desktop_app.batch`. Bad
input prints one line naming the file and line and exits 2 with nothing sent. Progress goes to
stderr only when it is a terminal; --json prints one document at the end. Prompts, model ids and
server messages are untrusted: control characters are replaced before they reach a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from desktop_app import DEFAULT_MODEL
from desktop_app.api.errors import ErrorKind, InvalidInputError, NoTokenError
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, ImageSize
from desktop_app.batch.journal import DONE, Journal, JournalError, batch_key
from desktop_app.batch.plan import Plan, PlanError, PlanItem, build_plan, read_rows
from desktop_app.batch.runner import (
    MAX_CONCURRENCY,
    SKIPPED,
    STORAGE_KIND,
    BatchReport,
    BatchRunner,
    Progress,
    outcomes_by_status,
)
from desktop_app.cli import (
    EXIT_CODES,
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STORAGE,
    EXIT_USAGE,
    fail,
)
from desktop_app.cli.budget_commands import add_ignore_budget_option, refuse_if_over_budget
from desktop_app.cli.common import add_base_url_option, make_client
from desktop_app.cli.generate_commands import unwritable_folder_problem
from desktop_app.cli.terminal import counted
from desktop_app.cli.terminal import safe_text as escape_for_terminal
from desktop_app.settings import Settings
from desktop_app.usage import effective_prices, format_cost, load_server_prices


def safe_text(text: str, limit: int = 200) -> str:
    """`text` fit for a terminal (`terminal.safe_text`), cut to `limit` characters."""
    cleaned = escape_for_terminal(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "\u2026"


DESCRIPTION = """\
Send many requests from FILE: one prompt per line (blank lines and # comments skipped), or a .csv
with a header row, or .jsonl objects, with the columns/keys prompt and optionally model, size and
n, which replace the defaults for that row. {red|blue|green} in a prompt makes one prompt per
alternative (several groups: every combination). Each prompt is sent once per --model and --size.

The whole plan (requests, images, megapixels, estimated cost) is computed before anything is
sent. A journal in the app's data folder records each request before it is sent and after its
images are kept; --resume skips the finished ones and never resends one that was sent but not
answered (it may have been charged) unless --retry-unknown is given.

A 429 (insufficient credit) or a refused token stops the batch at once; other failures are
recorded and the batch goes on. Exit code 0 only if every item succeeded, else the code of the
first failure (see `nscale-studio-cli --help`); 1 when items remain unknown from an earlier run.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = subparsers.add_parser(
        "batch",
        help="generate from a file of prompts, priced and journalled (resumable)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument("file", type=Path, metavar="FILE", help="prompts: text, .csv or .jsonl")
    batch.add_argument(
        "--model", action="append", metavar="ID",
        help=f"model id, repeatable (default: the saved default, else {DEFAULT_MODEL})",
    )
    batch.add_argument(
        "--size", action="append", metavar="WxH", help="image size, repeatable (default: saved)"
    )
    batch.add_argument("-n", type=int, default=None, metavar="N", help="images per request, 1..10")
    batch.add_argument(
        "--concurrency", type=int, default=2, metavar="K", help="requests in flight, 1..16 (2)"
    )
    batch.add_argument(
        "--max-spend", type=float, metavar="USD",
        help="refuse the batch (exit 2, nothing sent) if the estimated cost of what it would "
        "send (with --resume: the items left) is more than USD",
    )
    batch.add_argument("--dry-run", action="store_true", help="print the plan; send nothing")
    batch.add_argument("--resume", action="store_true", help="continue this batch's journal")
    batch.add_argument(
        "--retry-unknown", action="store_true",
        help="with --resume: also resend items sent earlier but never answered",
    )
    batch.add_argument("--out", type=Path, metavar="DIR", help="also copy the images here")
    batch.add_argument("--json", action="store_true", help="print one JSON document")
    add_base_url_option(batch)
    batch.add_argument("--timeout", type=float, metavar="S", help="read timeout in seconds")
    add_ignore_budget_option(batch)
    batch.set_defaults(func=run_batch)


def _check_arguments(args: argparse.Namespace) -> str | None:
    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        return f"--concurrency must be between 1 and {MAX_CONCURRENCY}."
    if args.n is not None and not MIN_COUNT <= args.n <= MAX_COUNT:
        return f"-n must be between {MIN_COUNT} and {MAX_COUNT}."
    if args.timeout is not None and not 0 < args.timeout <= 3600:
        return "--timeout must be more than 0 and at most 3600 seconds."
    if args.max_spend is not None and not 0 <= args.max_spend < float("inf"):
        return "--max-spend must be 0 or more US dollars."
    if args.retry_unknown and not args.resume:
        return "--retry-unknown only makes sense with --resume."
    if args.model is not None and any(not model.strip() for model in args.model):
        return "--model is empty: give a model id (see `models`)."
    return None


def run_batch(args: argparse.Namespace) -> int:
    if problem := _check_arguments(args):
        return fail(problem, EXIT_USAGE)
    settings = Settings.load()
    models = [model.strip() for model in args.model] if args.model else [
        (settings.default_model or DEFAULT_MODEL).strip()
    ]
    try:
        sizes = [ImageSize.parse(size) for size in (args.size or [settings.default_size])]
    except InvalidInputError as error:
        return fail(f"--size: {error.message}", EXIT_USAGE)
    n = args.n if args.n is not None else settings.default_count
    prices = effective_prices(settings.prices, load_server_prices())
    try:
        rows, content = read_rows(args.file)
        plan = build_plan(rows, models=models, sizes=sizes, n=n, prices=prices)
    except PlanError as error:
        return fail(f"{safe_text(str(args.file))}: {error.message}", EXIT_USAGE)
    if not plan.items:
        return fail(f"{safe_text(str(args.file))}: no prompts in the file.", EXIT_USAGE)

    key = batch_key(content, {"models": models, "sizes": [str(s) for s in sizes], "n": n})
    try:
        journal = Journal.load(key, plan.requests, resume=args.resume)
    except JournalError as error:
        return fail(safe_text(str(error)), EXIT_STORAGE)
    if args.dry_run:
        _print_plan(plan, args.json)
        refused = _over_max_spend(plan.estimated_cost, plan.unpriced_models(), args.max_spend)
        return fail(refused, EXIT_USAGE) if refused else EXIT_OK

    from desktop_app.library import Library  # opened only when the batch is really sent

    if args.out is not None and (problem := unwritable_folder_problem(args.out)):
        return fail(f"--out {args.out}: {problem}", EXIT_USAGE)
    library = Library.open(settings.library_dir)
    try:
        runner = BatchRunner(
            plan,
            journal,
            library,
            lambda: make_client(args, settings, read_timeout=args.timeout),
            concurrency=args.concurrency,
            retry_unknown=args.retry_unknown,
            export_to=args.out,
            on_progress=_ProgressLine(plan.requests) if sys.stderr.isatty() else None,
            on_interrupt=lambda: _note(
                "interrupted: no further request is sent; waiting for those in flight (their "
                "images are paid for). Press Ctrl+C again to abandon them."
            ),
        )
        pending = [o.item for o in runner.report.outcomes if o.status == SKIPPED]
        pending_cost = _cost_of(pending)
        unpriced = sorted({item.model for item in pending if item.estimated_cost is None})
        if refused := _over_max_spend(pending_cost, unpriced, args.max_spend):
            return fail(refused, EXIT_USAGE)
        if (code := refuse_if_over_budget(
            settings, [item.request() for item in pending], ignore=args.ignore_budget
        )) is not None:
            return code
        with make_client(args, settings) as probe:
            if not probe.has_token:
                raise NoTokenError()
        if args.resume and not journal.had_records:
            _note("no journal of this batch was found (same file, models, sizes and n): "
                  "starting it from the beginning.")
        if journal.had_records and not args.resume:
            _note("an earlier run of this batch was journalled; starting it over "
                  "(use --resume to continue it instead).")
        try:
            journal.start(source=str(args.file))
        except JournalError as error:
            return fail(f"{safe_text(str(error))}; nothing was sent.", EXIT_STORAGE)
        began = time.monotonic()
        report = runner.run()
    finally:
        library.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return _finish(report, journal.path, args.json, time.monotonic() - began)


def _cost_of(items: list[PlanItem]) -> float | None:
    costs = [item.estimated_cost for item in items]
    return None if any(cost is None for cost in costs) else sum(c or 0.0 for c in costs)


def _over_max_spend(cost: float | None, unpriced: list[str], max_spend: float | None) -> str | None:
    if max_spend is None:
        return None
    if cost is None:
        names = ", ".join(safe_text(model, 80) for model in unpriced)
        return (f"--max-spend cannot be guaranteed: no price is known for {names}. Nothing was "
                "sent. Set a price in Settings > Usage prices or run `models` to fetch them.")
    if cost > max_spend + 1e-12:
        return (f"the batch's estimated cost {format_cost(cost)} is over --max-spend "
                f"{format_cost(max_spend)}. Nothing was sent.")
    return None


def _note(message: str) -> None:
    from desktop_app.cli import warn

    warn(message)


def _print_plan(plan: Plan, as_json: bool) -> None:
    if as_json:
        json.dump(plan.to_json(), sys.stdout, indent=2)
        print()
        return
    for item in plan.items:
        print(f"{item.index + 1:>5}  {safe_text(item.model, 60)}  {item.size}  x{item.n}  "
              f"{format_cost(item.estimated_cost):>10}  {safe_text(item.prompt, 120)}")
    print(f"{counted(plan.requests, 'request')}, {counted(plan.images, 'image')}, "
          f"{plan.megapixels:.2f} MP, "
          f"estimated {format_cost(plan.estimated_cost)}")


class _ProgressLine:
    """Rewrites one stderr line: items finished/total, images, spend so far, ETA."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __call__(self, progress: Progress) -> None:
        eta = "" if progress.eta_s is None else f", ETA {_duration(progress.eta_s)}"
        failed = f", {progress.failed} failed" if progress.failed else ""
        sys.stderr.write(
            f"\r\x1b[K{progress.finished}/{progress.total} items, "
            f"{counted(progress.images, 'image')}, "
            f"{format_cost(progress.spent)} spent{failed}{eta}"
        )
        sys.stderr.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def exit_code_for(kind: str | None) -> int:
    """The CLI's exit code for an error kind value ("unexpected" and unknown values: 1)."""
    if kind == STORAGE_KIND:
        return EXIT_STORAGE
    try:
        return EXIT_CODES.get(ErrorKind(kind), EXIT_FAILURE)
    except ValueError:
        return EXIT_FAILURE


def _finish(report: BatchReport, journal_path: Path, as_json: bool, elapsed: float) -> int:
    counts = outcomes_by_status(report.outcomes)
    if report.interrupted:
        code = EXIT_INTERRUPTED
    elif report.stopped_by is not None:
        code = exit_code_for(report.stopped_by)
    elif report.first_failure is not None:
        code = exit_code_for(report.first_failure)
    elif not report.all_done:
        code = EXIT_FAILURE
    else:
        code = EXIT_OK
    if as_json:
        document = {
            "journal": str(journal_path),
            "requests": len(report.outcomes),
            "requests_sent": report.requests_sent,
            "counts": counts,
            "estimated_spend": round(report.spent, 6),
            "stopped_by": report.stopped_by,
            "interrupted": report.interrupted,
            "exit_code": code,
            "items": [outcome.to_json() for outcome in report.outcomes],
        }
        json.dump(document, sys.stdout, indent=2)
        print()
    else:
        for outcome in report.outcomes:
            for path in outcome.exported or outcome.paths:
                print(safe_text(path, 4096))
    for outcome in report.outcomes:
        if outcome.status not in (DONE, SKIPPED):
            item = outcome.item
            print(
                f"item {item.index + 1} (line {item.line}, {safe_text(item.model, 60)}, "
                f"{item.size}): {outcome.status}: {safe_text(outcome.message or '', 300)}",
                file=sys.stderr,
            )
    if report.journal_problem is not None:
        print(f"batch: {safe_text(report.journal_problem, 600)}", file=sys.stderr)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    stop = ""
    if report.stopped_by is not None:
        stop = f"; stopped by {report.stopped_by}, nothing further was sent"
    elif report.interrupted:
        stop = "; interrupted"
    print(
        f"batch: {summary} of {len(report.outcomes)}; {report.requests_sent} sent in "
        f"{_duration(elapsed)}; ~{format_cost(report.spent)} spent{stop}. Journal: {journal_path}",
        file=sys.stderr,
    )
    return code
