"""Files of the library: what scans may read, how new files are written durably, how names travel.

Owns what every scan (reconcile, rebuild, import) may open and how file names travel: a FIFO,
device or socket is never opened (a FIFO would block the scan forever, `/dev/zero` would read
until memory runs out), a symbolic link counts only when it points at a regular file, and no file
is read beyond `MAX_FILE_BYTES`. Folders that cannot be listed are reported, not skipped in
silence. POSIX file names are bytes: they travel as `str` with surrogate escapes (Python's
`os.fsdecode`), are stored losslessly (`database_path`) and shown with replacement characters
(`display_path`). New files are written through a temp file in the same folder (its name says
who wrote it: `temp_path`), fsynced and renamed to a name nobody has (`write_new_file`), so a
file under its final name is always complete; `save_result_to_folder` writes a paid result
outside any library that way. Recovering temp files a crash left is `library.temp_files`. No
database work, no image decoding.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.api.types import GeneratedImage, GenerationResult
from desktop_app.library.storage_errors import storage_error

if TYPE_CHECKING:
    from desktop_app.library.metadata import EmbeddedInfo

MAX_FILE_BYTES = 256 * 1024 * 1024  # far above any real image; /dev/zero behind a link is not
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})
_READ_CHUNK = 1024 * 1024
TEMP_SUFFIX = ".tmp"
# Held while a writer picks a final name and renames onto it, so two never pick the same one.
name_lock = threading.Lock()


class SkippedFile(Exception):  # a reason to skip, not a failure of the scan
    """A file a scan does not read, with the reason in words a user understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _size_text(size: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def _open_reason(error: OSError, path: Path) -> str:
    if isinstance(error, FileNotFoundError):
        if os.path.lexists(path):
            return "broken symbolic link (its target does not exist)"
        return "file vanished while it was being read"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno is not None and error.errno == getattr(os, "ELOOP", -1):
        return "symbolic link loop"
    return (error.strerror or type(error).__name__).lower()


def read_regular_file(
    path: Path, limit: int | None = None, *, expected: str = "an image file"
) -> bytes:
    """The bytes of `path` if it is (a link to) a regular file of at most `limit` bytes
    (default `MAX_FILE_BYTES`); `expected` names what the caller wanted, for the reason.

    Raises SkippedFile otherwise. The type is checked with stat before opening and again on
    the open descriptor (the name may be swapped in between); O_NONBLOCK makes even that race
    unable to block on a FIFO.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        before = os.stat(path)
    except OSError as error:
        raise SkippedFile(_open_reason(error, path)) from error
    if not stat.S_ISREG(before.st_mode):
        what = _kind(before.st_mode)
        link = " (a symbolic link to it)" if os.path.islink(path) else ""
        raise SkippedFile(f"{what}{link}, not {expected}")
    if before.st_size > limit:
        raise SkippedFile(f"larger than {_size_text(limit)}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise SkippedFile(_open_reason(error, path)) from error
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise SkippedFile("not a regular file")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise SkippedFile(f"larger than {_size_text(limit)}")
        return b"".join(chunks)
    except OSError as error:
        raise SkippedFile(_open_reason(error, path)) from error
    finally:
        os.close(descriptor)


def write_copy(folder: Path, name: str, data: bytes, times_from: Path | None = None) -> Path:
    """Write `data` as folder/name, or `stem (2).ext` and on when taken: never overwrites.

    Exclusive creation, so two writers never pick the same name; the times of `times_from`
    are copied when they can be (a courtesy, never a failure)."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for attempt in range(1, 10_000):
        target = folder / (f"{stem} ({attempt}){suffix}" if attempt > 1 else name)
        try:
            handle = open(target, "xb")  # noqa: SIM115 - exclusive create is the point
        except FileExistsError:
            continue
        with handle:
            handle.write(data)
        if times_from is not None:
            with contextlib.suppress(OSError):
                shutil.copystat(times_from, target)
        return target
    raise OSError(f"no free file name for {name} in {folder}")  # pragma: no cover


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temp_path(folder: Path, stem: str) -> Path:
    """A temp file for `stem` in `folder`: ".STEM.PID.THREAD.tmp" (see `library.temp_files`)."""
    return folder / f".{stem}.{os.getpid()}.{threading.get_ident()}{TEMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def sync_files(files: Sequence[Path]) -> None:
    """Make freshly written files durable: one sync(2) on POSIX, an fsync per file elsewhere."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in files:  # pragma: no cover - Windows
        with contextlib.suppress(OSError), open(path, "rb+") as handle:
            os.fsync(handle.fileno())


def write_new_file(
    folder: Path, stem: str, extension: str, data: bytes, durable: bool = True
) -> Path:
    """Write `data` as folder/stem+extension (stem-2... if taken) via a temp file and rename.

    Never overwrites, and never leaves the temp file behind (a full disk fails the write, not
    the clean-up): the result is the complete file under its final name, or no file at all.
    `durable=False` skips the fsyncs: the caller syncs a whole batch (`sync_files`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    temp = temp_path(folder, stem)
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        with name_lock:
            for attempt in range(1, 10_000):
                name = stem + (f"-{attempt}" if attempt > 1 else "") + extension
                target = folder / name
                if not target.exists():
                    os.replace(temp, target)
                    break
            else:  # pragma: no cover - ten thousand identical names
                raise OSError(f"no free file name for {stem}")
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        fsync_folder(folder)
    return target


def result_file(
    result: GenerationResult, image: GeneratedImage, created: float, job_id: str | None
) -> tuple[str, EmbeddedInfo, bytes]:
    """(file stem, the metadata, the file's bytes with it embedded) for one image of a generated
    result; `info.sha256` is the hash of the bytes as received."""
    from desktop_app.library.metadata import EmbeddedInfo, embed_metadata  # Pillow: see inspection

    sha = sha256_hex(image.data)
    info = EmbeddedInfo(
        prompt=result.request.prompt,
        model=result.request.model,
        width=image.width,
        height=image.height,
        n_index=image.index,
        created=created,
        endpoint_host=result.endpoint_host,
        request_id=result.request_id,
        job_id=job_id,
        latency_s=result.latency_s,
        sha256=sha,
    )
    stem = f"{time.strftime('%Y%m%d-%H%M%S', time.localtime(created))}-{sha[:8]}-{image.index}"
    return stem, info, embed_metadata(image.data, info)


def save_result_to_folder(
    result: GenerationResult, folder: Path, job_id: str | None = None
) -> list[Path]:
    """Write every image of `result` into `folder` (outside any library), metadata embedded.

    For images that were paid for but could not be kept in the library: `library import` brings
    them back later with their prompt and settings. All or none: on failure the files written
    here are removed again and the error is raised (a StorageError when it is a disk condition).
    """
    created = float(result.created) if result.created else time.time()
    written: list[Path] = []
    try:
        for image in result.images:
            stem, _info, data = result_file(result, image, created, job_id)
            written.append(write_new_file(folder, stem, image.format.extension, data))
    except BaseException as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        mapped = storage_error(error, folder, prefer_path=True)
        if mapped is not None:
            raise mapped from error
        raise
    return written


def read_image_file(path: Path, limit: int | None = None) -> bytes:
    """`read_regular_file` for what a person asked for (view, save as, reuse settings): the
    reason a file cannot be read is an OSError naming it, like any other unreadable file."""
    try:
        return read_regular_file(path, limit)
    except SkippedFile as error:
        raise OSError(f"{display_path(path.name)}: {error.reason}") from error


def iter_image_files(folder: Path, problems: list[tuple[Path, str]]) -> Iterator[Path]:
    """Image-named files under `folder` (hidden ones excluded), sorted, links to folders not
    followed; folders that cannot be listed are appended to `problems` with the reason."""
    for directory, names in iter_image_folders(folder, problems):
        for name in names:
            yield Path(directory) / name


def iter_image_folders(
    folder: Path, problems: list[tuple[Path, str]]
) -> Iterator[tuple[str, list[str]]]:
    """`iter_image_files` a folder at a time: (folder, its image names sorted), as `str`
    (no Path per file for a scan that only compares names)."""

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        problems.append((where, f"folder could not be read: {_open_reason(error, where)}"))

    for directory, subfolders, names in os.walk(folder, onerror=unreadable):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        images = sorted(
            name for name in names
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES
        )
        if images:
            yield directory, images


_SETTLED_NS = 5_000_000_000  # a folder changed this recently is listed again, whatever the cache


def count_files(
    folder: Path, counts: Callable[[str], bool], cache_path: Path | None = None
) -> int:
    """How many names under `folder` (links to folders not followed) satisfy `counts`.

    With `cache_path`, a folder whose mtime is unchanged since the last call (and not within
    the last few seconds, for coarse clocks) is not listed again: adding, renaming or removing
    a file changes its folder's mtime, so the answer stays exact while a quiet library costs
    one stat per folder. The cache is a plain JSON file; losing it only costs a listing.
    """
    cache: dict[str, list[Any]] = {}
    if cache_path is not None:
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(cache_path.read_text(encoding="ascii"))
            cache = loaded if isinstance(loaded, dict) else {}
    fresh: dict[str, list[Any]] = {}
    total = 0
    pending = [str(folder)]
    now = time.time_ns()
    while pending:
        directory = pending.pop()
        try:
            mtime = os.stat(directory).st_mtime_ns
        except OSError:
            continue
        cached = cache.get(directory)
        if (
            isinstance(cached, list) and len(cached) == 3 and cached[0] == mtime
            and now - mtime > _SETTLED_NS
        ):
            count, subfolders = int(cached[1]), [str(d) for d in cached[2]]
        else:
            count, subfolders = 0, []
            try:
                with os.scandir(directory) as entries:
                    for entry in entries:
                        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                            subfolders.append(entry.path)
                        elif counts(entry.name):
                            count += 1
            except OSError:
                continue
        fresh[directory] = [mtime, count, subfolders]
        total += count
        pending.extend(subfolders)
    if cache_path is not None and fresh != cache:
        with contextlib.suppress(OSError):
            temp = cache_path.with_name(f".{cache_path.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps(fresh), encoding="ascii")
            os.replace(temp, cache_path)
    return total


def database_path(stored: str) -> str | bytes:
    """What to bind for a stored path: the text, or its raw bytes when it is not valid UTF-8.

    SQLite keeps a BLOB in a TEXT column as a BLOB, so a name like b"bad\\xff.png" round-trips
    exactly (see `path_from_database`) and cannot collide with any valid text name.
    """
    try:
        stored.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(stored)
    return stored


def path_from_database(value: str | bytes) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else value


def display_path(path: Path | str) -> str:
    """A file name for people: undecodable bytes become U+FFFD; use the Path for file work."""
    return os.fsencode(path).decode("utf-8", "replace")
