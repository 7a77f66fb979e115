"""Files and many files: redact a file (text or .docx), a list, a directory tree, in
worker processes, with one result per file that a pipeline can store.

    from redactor import redact_file, redact_many, load_rules
    result = redact_file("report.txt")                  # FileResult; result.text is the template
    redact_file("report.docx", "report.template.docx")  # writes atomically, never clobbers
    for result in redact_many(paths, rules=load_rules(), jobs=4):
        print(result.path, result.status, result.counts)

A rule set is a frozen dataclass: it is pickled once per worker (Pool initializer) and
its compiled regexes are cached per process, so workers pay for loading only once.
One file that fails never stops a batch: it becomes a FileResult with status "failed".
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, RedactorError
from .model import Mask, RuleSet, Template
from .redact import redact
from .rules import load_rules, rule_set_of
from .textio import encode, read_input_bytes, read_report, same_file, write_bytes

#: Suffixes read as text reports when a directory is walked.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
#: Suffixes redacted as Word documents.
DOCX_SUFFIXES = (".docx",)
#: Suffixes that are taken into a batch only to be reported (they cannot be read).
REPORTED_SUFFIXES = (".doc", ".pdf", ".rtf", ".wps")
#: What to tell about the suffixes redactor cannot read.
UNREADABLE = {
    ".doc": "is an old binary Word .doc; open it in Word or LibreOffice and save it as "
            ".docx first",
    ".wps": "is a WPS document; save it as .docx first",
    ".pdf": "is a PDF, which redactor cannot read; export it as .docx or text first",
    ".rtf": "is an RTF document; save it as .docx first",
}
SCHEMA = "redactor.file/1"


@dataclass(frozen=True)
class FileTask:
    """One file to redact: where from, where to (None: keep the template in the result)."""

    path: str
    output: str | None = None
    #: Encoding of a text output; None keeps the input's encoding.
    encoding: str | None = None
    force: bool = False
    #: Create the output's folder if missing (directory batches).
    make_parents: bool = False


@dataclass(frozen=True)
class FileResult:
    """What happened to one file. Stable and picklable; ``to_record`` is its JSON form.

    status is "ok" or "failed"; on failure ``error`` is a one-line message naming the file.
    ``text`` holds the template when no output file was written (for a .docx: the
    template of the document's text). ``masks`` are offsets into the file's text (for a
    .docx: into the text that ``docx_io.read_document`` returns for the original).
    """

    path: str
    status: str
    output: str | None = None
    kind: str = "text"
    encoding: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    masks: tuple[Mask, ...] = ()
    text: str | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_record(self, masks: bool = True) -> dict[str, Any]:
        record: dict[str, Any] = {
            "schema": SCHEMA,
            "path": self.path,
            "status": self.status,
            "output": self.output,
            "kind": self.kind,
            "encoding": self.encoding,
            "counts": self.counts,
        }
        if self.error:
            record["error"] = self.error
        if masks:
            record["masks"] = [mask.to_dict() for mask in self.masks]
        if self.text is not None:
            record["text"] = self.text
        return record


def file_kind(path: str | Path) -> str:
    """"docx" for Word documents, else "text"."""
    return "docx" if Path(str(path)).suffix.lower() in DOCX_SUFFIXES else "text"


def redact_file(path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None,
                rules: RuleSet | str | None = None, *, encoding: str | None = None,
                force: bool = False) -> FileResult:
    """Redact one text file or .docx. With ``output`` the result is written there
    atomically (an existing file only with ``force``); without, a text template is in
    ``FileResult.text``. Raises InputError (one line, naming the file) on bad input."""
    rule_set = rule_set_of(rules)
    task = FileTask(os.fspath(path), os.fspath(output) if output is not None else None,
                    encoding, force)
    return _redact_task(task, rule_set)


def _redact_task(task: FileTask, rule_set: RuleSet) -> FileResult:
    if task.output is not None and same_file(task.path, task.output):
        raise InputError(task.output, "is the input file; the input is never overwritten")
    if task.output is not None and not task.force and os.path.lexists(task.output):
        raise InputError(task.output, "already exists; use --force to overwrite it")
    if task.output is not None and task.make_parents:
        Path(task.output).parent.mkdir(parents=True, exist_ok=True)
    if file_kind(task.path) == "docx":
        from .docx_io import redact_docx_bytes  # noqa: PLC0415 (python-docx is optional)

        result = redact_docx_bytes(read_input_bytes(task.path), rule_set, task.path)
        template = result.template
        if task.output is not None:
            write_bytes(task.output, result.data, task.force)
        return _result(task, template, "docx", "")
    suffix = Path(task.path).suffix.lower()
    if suffix in UNREADABLE:
        raise InputError(task.path, UNREADABLE[suffix])
    decoded = read_report(task.path)
    template = redact(decoded.text, rule_set)
    out_encoding = task.encoding or decoded.encoding
    if task.output is not None:
        write_bytes(task.output, encode(template.text, out_encoding), task.force)
    return _result(task, template, "text", out_encoding)


def _result(task: FileTask, template: Template, kind: str, encoding: str) -> FileResult:
    return FileResult(task.path, "ok", task.output, kind, encoding, template.counts(),
                      template.masks, template.text if task.output is None else None)


def _failed(task: FileTask, message: str) -> FileResult:
    return FileResult(task.path, "failed", task.output, file_kind(task.path), error=message)


def run_task(task: FileTask, rule_set: RuleSet) -> FileResult:
    """Redact one task; every failure becomes a "failed" result, never an exception."""
    try:
        return _redact_task(task, rule_set)
    except RedactorError as error:
        message = str(error)
        return _failed(task, message if task.path in message or (task.output or "\0") in message
                       else f"{task.path}: {message}")
    except OSError as error:
        where = error.filename or task.path
        return _failed(task, f"{where}: {error.strerror or error}")
    except MemoryError:
        return _failed(task, f"{task.path}: too large to redact in memory")
    except Exception as error:  # a bug must not stop the other files of a batch
        return _failed(task, f"{task.path}: internal error ({type(error).__name__}: {error}); "
                             "please report it")


# --- many files, in processes ------------------------------------------------------

_WORKER_RULES: RuleSet | None = None


def _init_worker(rule_set: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = rule_set


def _work(item: Any) -> Any:
    assert _WORKER_RULES is not None
    return _one(item, _WORKER_RULES)


def _one(item: Any, rule_set: RuleSet) -> Any:
    if isinstance(item, str):
        return redact(item, rule_set)
    if isinstance(item, FileTask):
        return run_task(item, rule_set)
    if isinstance(item, os.PathLike):
        return run_task(FileTask(os.fspath(item)), rule_set)
    raise TypeError(f"redact_many takes str (a text), os.PathLike (a file) or FileTask, "
                    f"not {type(item).__name__}")


def redact_many(items: Iterable[str | os.PathLike[str] | FileTask],
                rules: RuleSet | str | None = None, *, jobs: int | None = 1,
                ordered: bool = True, chunksize: int | None = None
                ) -> Iterator[Template | FileResult]:
    """Redact many texts or files, in ``jobs`` worker processes (None: one per CPU).

    Each item is a ``str`` (a text: yields its Template), a ``pathlib.Path`` or other
    PathLike (a file: yields a FileResult with the template in ``.text``) or a FileTask
    (a file with an output). Results come in input order unless ``ordered=False``.
    Failed files yield FileResults with status "failed"; the batch goes on. ``jobs=1``
    (the default) runs in this process, which is what a Dask or Spark task wants.
    """
    rule_set = rule_set_of(rules)
    workers = (os.cpu_count() or 1) if jobs is None or jobs < 1 else jobs
    if workers > 1 and multiprocessing.current_process().daemon:
        workers = 1  # a daemonic worker (multiprocessing, Dask) may not start processes
    if workers == 1:
        for item in items:
            yield _one(item, rule_set)
        return
    if chunksize is None:
        size = len(items) if hasattr(items, "__len__") else 0  # type: ignore[arg-type]
        chunksize = max(1, min(32, size // (workers * 8))) if size else 4
    redact("全省2019年在长沙市召开", rule_set)  # compile the common patterns before forking
    with _context().Pool(workers, initializer=_init_worker, initargs=(rule_set,)) as pool:
        mapper = pool.imap if ordered else pool.imap_unordered
        yield from mapper(_work, items, chunksize)


def _context() -> Any:
    # fork shares the parent's compiled regexes; elsewhere (macOS, Windows) spawn is safe.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# --- inside other engines (Dask, Spark) ------------------------------------------


@functools.lru_cache(maxsize=8)
def worker_rules(name_or_path: str | None = None) -> RuleSet:
    """A rule set loaded once per process: call it inside a Dask or Spark task."""
    return load_rules(name_or_path)


def redact_partition(texts: Iterable[str], rules: RuleSet | str | None = None
                     ) -> list[Template]:
    """Redact one partition of texts (a Dask bag partition, a Spark ``mapPartitions``
    iterator). A rule set given by name or path is loaded once per worker process;
    a RuleSet object is used as is (it pickles with the task)."""
    rule_set = rules if isinstance(rules, RuleSet) else worker_rules(rules)
    return [redact(text, rule_set) for text in texts]


# --- walking inputs ----------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """The files a set of INPUT arguments stands for, and what was left out."""

    #: (file, path relative to its INPUT directory, or its name for a file argument).
    files: tuple[tuple[str, str], ...]
    #: (path, reason) of what was not taken: other suffixes, symlinked folders.
    skipped: tuple[tuple[str, str], ...] = ()
    #: (path, message) of what could not be listed.
    errors: tuple[tuple[str, str], ...] = ()


def collect_inputs(paths: Iterable[str]) -> Inputs:
    """Expand files and directories into the files to redact (directories recursively).

    In a directory, only .txt/.text/.md/.markdown and .docx files are taken, plus .doc,
    .pdf, .rtf and .wps so that they are reported with what to do. Hidden files, Word's
    lock files (~$x.docx) and other suffixes are skipped; symbolic links to folders are
    not followed (so loops cannot happen); symbolic links to files are read.
    """
    files: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            files.append((name, path.name))
            continue
        def walk_error(error: OSError) -> None:
            errors.append((str(error.filename), f"{error.filename}: cannot list folder: "
                                                f"{error.strerror or error}"))
        for folder, dirs, names in os.walk(name, onerror=walk_error):
            for sub in list(dirs):
                if os.path.islink(os.path.join(folder, sub)):
                    skipped.append((os.path.join(folder, sub),
                                    "symbolic link to a folder, not followed"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not os.path.islink(os.path.join(folder, d)))
            for file_name in sorted(names):
                full = os.path.join(folder, file_name)
                suffix = Path(file_name).suffix.lower()
                if file_name.startswith((".", "~$")):
                    continue
                if suffix in TEXT_SUFFIXES + DOCX_SUFFIXES + REPORTED_SUFFIXES:
                    files.append((full, os.path.relpath(full, name)))
                else:
                    skipped.append((full, f"not a report ({suffix or 'no suffix'})"))
    return Inputs(tuple(files), tuple(skipped), tuple(errors))


def check_output_dir(inputs: Iterable[str], output_dir: str) -> None:
    """Refuse an output folder inside (or equal to) an input folder."""
    try:
        out = Path(output_dir).resolve()
    except RuntimeError:
        raise InputError(output_dir, "is a symbolic link that loops") from None
    for name in inputs:
        try:
            source = Path(name).resolve()
        except RuntimeError:
            continue  # a looping link is reported when it is read
        if Path(name).is_dir() and (out == source or source in out.parents):
            raise InputError(output_dir, f"is inside the input folder {name}; redactor never "
                                         "writes into its input, choose another -o folder")


def output_path(relative: str, output_dir: str) -> str:
    """Where a batch writes the template of ``relative`` (the same tree under OUTDIR)."""
    return os.path.join(output_dir, relative)
