"""Validating many instances: an iterable of values, or an NDJSON / JSON Lines stream.

:func:`validate_ndjson` streams: it reads the input in chunks of whole lines, so memory stays at
a few chunks whatever the file size, and yields one :class:`NdjsonRecord` per non-blank line in
input order. A line that is not JSON is an invalid record (``INSTANCE_JSON_INVALID`` or
``INSTANCE_DUPLICATE_KEY`` with its column), and the run goes on.

With ``jobs`` above 1 (or 0 for every core) the chunks go to a process pool. Each worker
rebuilds the validator from its document once; at most ``2 * jobs`` chunks are in flight, and
results come back in input order. Starting workers costs a fraction of a second, so inputs
smaller than :data:`PARALLEL_THRESHOLD` bytes are validated in-process whatever ``jobs`` says.
Workers are forked when the calling process runs no other thread; otherwise they start with
forkserver (or spawn), which needs the usual ``if __name__ == "__main__":`` guard in scripts.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, repeat
from typing import IO, Any, NamedTuple

from jstruct.errors import VALID, Result
from jstruct.jsontext import JSONTextError, Locator, decode_text, loads_fast
from jstruct.validator import Validator

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "PARALLEL_THRESHOLD",
    "NdjsonRecord",
    "validate_many",
    "validate_ndjson",
]

#: Bytes of whole lines handed to a worker at a time: large enough that sending a chunk and its
#: results costs little next to validating it, small enough to keep memory flat.
DEFAULT_CHUNK_SIZE = 1 << 21
#: Below this many bytes of input, a process pool costs more (starting workers, importing
#: jstruct, compiling the schema in each) than it saves; see benchmarks/RESULTS.md.
PARALLEL_THRESHOLD = 16 << 20


class NdjsonRecord(NamedTuple):
    """The outcome of one non-blank NDJSON line.

    A named tuple rather than a dataclass: one is built per line, and the tuple is the cheapest
    immutable record Python has.
    """

    line: int
    """1-based line number in the input (blank lines count)."""
    result: Result
    """Its errors carry ``line`` and the ``column`` of the failing value inside the line."""

    @property
    def valid(self) -> bool:
        return not self.result.errors


#: ``_new_record((line, result))`` builds an NdjsonRecord without a Python-level call.
_new_record = partial(tuple.__new__, NdjsonRecord)


def validate_many(validator: Validator, instances: Iterable[Any]) -> Iterator[Result]:
    """The :class:`Result` of each instance, in order (lazily).

    ``Validator.validate`` already runs the boolean path first and builds errors only on
    failure, so this is a plain map: no per-item Python frame of our own.
    """
    return map(validator.validate, instances)


# --- one chunk -------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    # JSON strings cannot hold a raw CR or LF, so "\r\n" only ever ends a line (or is
    # whitespace between tokens, which it stays as "\n"): one replace handles CRLF files.
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # the chunk ends with "\n"
    return lines


def _records(validator: Validator, first: int, data: bytes) -> Iterator[NdjsonRecord]:
    """Records of a chunk of whole lines whose first line is number ``first``."""
    new = tuple.__new__
    is_valid = validator.is_valid
    number = first - 1
    for raw in _lines(data):
        number += 1
        try:
            value = loads_fast(raw)
        except JSONTextError as exc:
            # A blank line is never JSON, so it is looked for only here, off the common path.
            if raw.strip(b" \t\r"):
                yield new(NdjsonRecord, (number, Result((exc.to_error(number),))))
            continue
        if is_valid(value):
            yield new(NdjsonRecord, (number, VALID))
        else:
            # Located only now, for a failing line: the Locator reads just that line.
            errors = validator.validate(value).errors
            located = Locator(decode_text(raw)).place(errors, number)
            yield new(NdjsonRecord, (number, Result(tuple(located))))


# --- worker side -----------------------------------------------------------------------------

_worker_validator: Validator | None = None


def _init_worker(pickled: bytes) -> None:
    # Unpickling rebuilds the validator from its document, once per worker. It is sent as
    # bytes so that this happens under every start method (fork would pass the object as is).
    global _worker_validator
    _worker_validator = pickle.loads(pickled)


def _work(first: int, data: bytes) -> tuple[list[int], dict[int, Result]]:
    """Line numbers of the chunk's records, and the results of the invalid ones.

    Valid lines cost one int each on the way back; Records are rebuilt in the parent.
    """
    validator = _worker_validator
    assert validator is not None
    numbers: list[int] = []
    failures: dict[int, Result] = {}
    for record in _records(validator, first, data):
        numbers.append(record.line)
        if record.result is not VALID:
            failures[record.line] = record.result
    return numbers, failures


# --- reading ---------------------------------------------------------------------------------


def _block_chunks(read: Any, chunk_size: int) -> Iterator[bytes]:
    """Chunks of whole lines (each ends with ``\\n`` except perhaps the last)."""
    carry = b""
    while True:
        block = read(chunk_size)
        if not block:
            break
        if carry:
            block = carry + block
        cut = block.rfind(b"\n")
        if cut < 0:
            carry = block  # a line longer than a chunk: keep reading
            continue
        carry = block[cut + 1 :]
        yield block[: cut + 1]
    if carry:
        yield carry


def _line_chunks(lines: Iterable[bytes], chunk_size: int) -> Iterator[bytes]:
    """Chunks from an iterable of lines: each item is one line, ending with ``\\n`` or not."""
    pending: list[bytes] = []
    size = 0
    for item in lines:
        if not isinstance(item, bytes):
            item = bytes(item)
        if not item.endswith(b"\n"):
            item += b"\n"
        pending.append(item)
        size += len(item)
        if size >= chunk_size:
            yield b"".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield b"".join(pending)


def _count_lines(chunk: bytes) -> int:
    return chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)


# --- driver ----------------------------------------------------------------------------------


def validate_ndjson(
    document_or_validator: Validator | Mapping[str, Any],
    source: str | os.PathLike[str] | IO[bytes] | Iterable[bytes],
    *,
    jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[NdjsonRecord]:
    """Validate each non-blank line of an NDJSON input; one record per line, in order.

    ``source`` is a path, a binary file object (read in chunks, never whole) or an iterable of
    byte lines. ``jobs``: 1 validates in this process; N > 1 uses N worker processes and 0 one
    per core, for inputs of at least :data:`PARALLEL_THRESHOLD` bytes.
    """
    if type(jobs) is not int or jobs < 0:
        raise ValueError("jobs must be 0 (all cores) or a positive integer")
    if type(chunk_size) is not int or chunk_size < 1:
        raise ValueError("chunk_size must be a positive integer")
    validator = (
        document_or_validator
        if isinstance(document_or_validator, Validator)
        else Validator(document_or_validator)
    )
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    if isinstance(source, (str, os.PathLike)):
        return _from_path(validator, os.fspath(source), workers, chunk_size)
    read = getattr(source, "read", None)
    if read is not None:
        chunks = _block_chunks(read, chunk_size)
    else:
        chunks = _line_chunks(source, chunk_size)  # type: ignore[arg-type]
    return _run(validator, chunks, workers)


def _file_chunks(path: str, chunk_size: int) -> Iterator[bytes]:
    with open(path, "rb", buffering=0) as handle:
        yield from _block_chunks(handle.read, chunk_size)


def _from_path(
    validator: Validator, path: str, workers: int, chunk_size: int
) -> Iterator[NdjsonRecord]:
    return _run(validator, _file_chunks(path, chunk_size), workers)


def _run(validator: Validator, chunks: Iterator[bytes], workers: int) -> Iterator[NdjsonRecord]:
    # Records of each chunk are flattened by itertools.chain, in C: a record passes through one
    # generator (its chunk's) on its way to the caller, not one per layer of this module.
    return chain.from_iterable(_chunk_records(validator, chunks, workers))


def _chunk_records(
    validator: Validator, chunks: Iterator[bytes], workers: int
) -> Iterator[Iterator[NdjsonRecord]]:
    if workers > 1:
        # Look ahead up to the threshold: a small input never pays for a pool.
        head: list[bytes] = []
        size = 0
        for chunk in chunks:
            head.append(chunk)
            size += len(chunk)
            if size >= PARALLEL_THRESHOLD:
                yield from _parallel(validator, head, chunks, workers)
                return
        chunks = iter(head)
    first = 1
    for chunk in chunks:
        yield _records(validator, first, chunk)
        first += _count_lines(chunk)


def _context() -> Any:
    # fork starts workers in milliseconds with jstruct already imported, but forking a process
    # that runs other threads can deadlock (and warns from Python 3.12); then forkserver (or
    # spawn), whose workers import jstruct first: a second or so more, and the caller's script
    # needs the usual ``if __name__ == "__main__":`` guard.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _parallel(
    validator: Validator, head: list[bytes], rest: Iterator[bytes], workers: int
) -> Iterator[Iterator[NdjsonRecord]]:
    """The records of each chunk, in order, computed by a pool of worker processes."""
    limit = 2 * workers
    pending: deque[Future[tuple[list[int], dict[int, Result]]]] = deque()
    first = 1
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(pickle.dumps(validator),),
    ) as pool:

        def submit(chunk: bytes) -> None:
            nonlocal first
            pending.append(pool.submit(_work, first, chunk))
            first += _count_lines(chunk)

        def drain_one() -> Iterator[NdjsonRecord]:
            numbers, failures = pending.popleft().result()
            # Built in C: a record per line, its result VALID unless the worker sent one back.
            results = map(failures.get, numbers, repeat(VALID))
            return map(_new_record, zip(numbers, results, strict=True))

        try:
            for chunk in head:
                if len(pending) >= limit:
                    yield drain_one()
                submit(chunk)
            head.clear()
            for chunk in rest:
                if len(pending) >= limit:
                    yield drain_one()
                submit(chunk)
            while pending:
                yield drain_one()
        finally:
            # A consumer that stops early (or an error) must not leave work queued.
            for future in pending:
                future.cancel()
