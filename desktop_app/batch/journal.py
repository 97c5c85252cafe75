"""The journal of one batch: which items were sent, answered and kept, durable across a kill.

Owns the append-only JSON-lines file under `paths.data_dir()/batches/` named by a hash of the
prompt file's bytes and the plan's options, so running the same file with the same options again
finds it. Each item is written `sent` (flushed and fsync'd) BEFORE its request goes out, then
`done` (with the kept paths), `failed` (a reply that says nothing was charged) or `unknown` (no
reply, or one that may have been charged) after. Reading tolerates a torn last line (a kill in
mid-write). An item whose last record is `sent` was never answered: it may have been charged,
so a resume lists it as unknown and resends it only when asked. No Qt, no network.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import paths

log = logging.getLogger(__name__)

JOURNAL_VERSION = 1
SENT = "sent"
DONE = "done"
FAILED = "failed"  # answered with an error that charged nothing: safe to send again
UNKNOWN = "unknown"  # no answer, or one that may have been charged: resent only on request
NOT_SENT = "not_sent"  # refused locally before anything went out


def journal_dir() -> Path:
    return paths.data_dir() / "batches"


def batch_key(content: bytes, options: Mapping[str, object]) -> str:
    """A hash of the prompt file's bytes and the options that shape the plan."""
    digest = hashlib.sha256(content)
    digest.update(b"\0")
    digest.update(json.dumps(options, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()[:32]


@dataclass
class ItemRecord:
    """The last thing the journal says about one item."""

    state: str
    paths: list[str] = field(default_factory=list)
    kind: str | None = None
    message: str | None = None


class JournalError(Exception):
    """The journal cannot be read or written; the message says why, in words a user understands."""


def _problem(error: OSError, path: Path) -> JournalError:
    if isinstance(error, FileExistsError):
        reason = "a file is in the way of its folder"
    else:
        reason = error.strerror or type(error).__name__
    return JournalError(f"the batch journal {path} cannot be used: {reason}")


class Journal:
    """One batch's journal file; `record_*` may be called from several threads."""

    def __init__(self, path: Path, items: int) -> None:
        self.path = path
        self.items = items
        self._lock = threading.Lock()
        self.records: dict[int, ItemRecord] = {}
        self.runs = 0  # how many runs wrote to this journal before this one
        self.had_records = False  # the file existed when loaded (resumed or not)
        # The file ends in a line torn by a kill: the next record must start on a line of its own.
        self._torn_tail = False

    @classmethod
    def load(cls, key: str, items: int, *, resume: bool) -> Journal:
        """The journal for `key`, its earlier records read when `resume`; writes nothing yet."""
        journal = cls(journal_dir() / f"{key}.jsonl", items)
        try:
            journal.had_records = journal.path.is_file() and journal.path.stat().st_size > 0
        except OSError as error:
            raise _problem(error, journal.path) from None
        if resume:
            journal._read()
        return journal

    def start(self, source: str = "") -> None:
        """Begin this run's records (a batch that is not resumed starts the file over).

        Raises JournalError before anything is sent when the journal cannot be written.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.records and self.path.exists():
                self.path.unlink()
                self._torn_tail = False
        except OSError as error:
            raise _problem(error, self.path) from None
        self._append({"journal": JOURNAL_VERSION, "items": self.items, "source": source,
                      "started": round(time.time(), 3)})

    def _read(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            raise _problem(error, self.path) from None
        self._torn_tail = bool(data) and not data.endswith(b"\n")
        # Bytes that are not UTF-8 (a damaged disk, a hand edit) spoil only their own line.
        for line in data.decode("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line torn by a kill mid-write
            if not isinstance(record, dict):
                continue
            if "journal" in record:
                self.runs += 1
                continue
            item, state = record.get("item"), record.get("state")
            if not isinstance(item, int) or not 0 <= item < self.items:
                continue
            if state not in (SENT, DONE, FAILED, UNKNOWN, NOT_SENT):
                continue
            self.records[item] = ItemRecord(
                state=state,
                paths=[str(p) for p in record.get("paths", []) if isinstance(p, str)],
                kind=record.get("kind") if isinstance(record.get("kind"), str) else None,
                message=record.get("message") if isinstance(record.get("message"), str) else None,
            )

    def _append(self, record: Mapping[str, object]) -> None:
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._lock:
            if self._torn_tail:
                line = "\n" + line
            try:
                with open(self.path, "a", encoding="utf-8") as stream:
                    stream.write(line)
                    stream.flush()
                    os.fsync(stream.fileno())
            except OSError as error:
                raise _problem(error, self.path) from None
            self._torn_tail = False

    def state(self, item: int) -> str | None:
        record = self.records.get(item)
        return record.state if record is not None else None

    def _set(self, item: int, record: ItemRecord, extra: Mapping[str, object]) -> None:
        self._append({"item": item, "state": record.state, "t": round(time.time(), 3), **extra})
        with self._lock:
            self.records[item] = record

    def record_sent(self, item: int) -> None:
        """Durably notes that `item` is about to be sent; call BEFORE the request goes out."""
        self._set(item, ItemRecord(SENT), {})

    def record_done(self, item: int, kept: Sequence[str]) -> None:
        self._set(item, ItemRecord(DONE, list(kept)), {"paths": list(kept)})

    def record_outcome(self, item: int, state: str, kind: str, message: str) -> None:
        """A failed, unknown or not-sent outcome, with its error kind and message."""
        self._set(item, ItemRecord(state, kind=kind, message=message),
                  {"kind": kind, "message": message})
