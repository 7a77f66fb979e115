"""Reading reports and writing results without ever losing a byte.

Inputs are only read. Outputs go to a temporary file in the target folder and are
moved into place in one step, so a crash leaves either the old file or the new one;
an existing output is replaced only when the caller says so.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError

STDIN = "-"


def read_text(path: str | Path) -> str:
    """A report as text: UTF-8 (a BOM is dropped), stdin for ``-``; clear errors otherwise."""
    name = str(path)
    if name == STDIN:
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        file = Path(name)
        if file.is_dir():
            raise InputError(name, "is a directory, not a file")
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise InputError(name, "no such file") from None
        except PermissionError:
            raise InputError(name, "permission denied") from None
        except OSError as error:
            raise InputError(name, f"cannot read: {error.strerror or error}") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Strict UTF-8; a binary file or another encoding gets a one-line error."""
    if b"\x00" in data[:8192]:
        raise InputError(name, "looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(name, f"is not UTF-8 text (first bad byte at line {line}, "
                               f"byte offset {error.start}); convert it to UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


def write_text(path: str | Path, text: str, force: bool = False) -> None:
    """Write ``text`` as UTF-8 atomically; refuse to replace a file unless ``force``."""
    write_bytes(path, text.encode("utf-8"), force)


def write_bytes(path: str | Path, data: bytes, force: bool = False) -> None:
    """Atomic write: a temporary file beside the target, then one rename."""
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory; give a file name for the output")
    if target.exists() and not force:
        raise InputError(str(target), "already exists; use --force to overwrite it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"folder {folder} does not exist")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when two paths name one existing file (so an output would clobber an input)."""
    try:
        return Path(first).resolve() == Path(second).resolve() or os.path.samefile(first, second)
    except OSError:
        return False
