"""Reading reports and writing results without ever losing a byte.

Inputs are only read. Outputs go to a temporary file in the target folder and are
moved into place in one step, so a crash leaves either the old file or the new one;
an existing output is replaced only when the caller says so.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

STDIN = "-"


#: What a text report may be encoded as, in the order they are tried (see decode_report).
TRIED = "UTF-8 (with or without BOM), UTF-16/UTF-32 by BOM, GB18030 (which covers GBK and GB2312)"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Signatures of formats that are not text, with what to tell the user.
_NOT_TEXT: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "is a PDF, which redactor cannot read; export it as .docx or text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "is an old binary Word .doc (or a password-protected Office file); "
     "open it in Word or LibreOffice and save it as .docx (without a password) first"),
    (b"PK\x03\x04", "is a ZIP archive or an Office file; if it is a Word document, "
                     "name it .docx"),
    (b"{\\rtf", "is an RTF document; save it as .docx first"),
)


@dataclass(frozen=True)
class Decoded:
    """A text report and the encoding it was read in (a Python codec name; see encode)."""

    text: str
    encoding: str


def read_text(path: str | Path) -> str:
    """A report as text (UTF-8, UTF-16 by BOM or GB18030), stdin for ``-``."""
    return read_report(path).text


def read_report(path: str | Path) -> Decoded:
    """A report as text plus the encoding it came in; clear one-line errors otherwise."""
    name = str(path)
    if name == STDIN:
        return decode_report(sys.stdin.buffer.read(), "<stdin>")
    return decode_report(read_input_bytes(name), name)


def read_input_bytes(name: str) -> bytes:
    """The bytes of an input file, with one-line errors for every way reading fails."""
    file = Path(name)
    try:
        if file.is_dir():
            raise InputError(name, "is a directory, not a file")
        return file.read_bytes()
    except FileNotFoundError:
        if file.is_symlink():
            raise InputError(name, "is a broken symbolic link") from None
        raise InputError(name, "no such file (was it moved or deleted?)") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(name, "is a symbolic link that loops") from None
        raise InputError(name, f"cannot read: {error.strerror or error}") from None


def decode(data: bytes, name: str) -> str:
    """The text of a report's bytes (see decode_report)."""
    return decode_report(data, name).text


def decode_report(data: bytes, name: str) -> Decoded:
    """Decode a report: a BOM decides; else strict UTF-8; else strict GB18030.

    GB18030 is tried last because nearly every UTF-8 text would also decode as it;
    strict UTF-8 on non-UTF-8 Chinese fails within a few characters, so the order is safe.
    UTF-16 without a BOM is not guessed (Windows writes the BOM). The line endings are
    kept as they are, so CRLF files come out CRLF.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as error:
                raise InputError(name, f"starts with a {encoding.upper()} byte-order mark but "
                                       f"is not valid {encoding.upper()} (bad bytes at offset "
                                       f"{error.start + len(bom)})") from None
            return Decoded(text, encoding)
    for signature, message in _NOT_TEXT:
        if data.startswith(signature):
            raise InputError(name, message)
    if b"\x00" in data[:8192]:
        raise InputError(name, "looks like a binary file (it contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as error:
        line = data[:utf8_error.start].count(b"\n") + 1
        raise InputError(name, f"cannot be decoded: tried {TRIED}; not UTF-8 from line {line} "
                               f"(byte {utf8_error.start}), not GB18030 at byte "
                               f"{error.start}; convert it to UTF-8") from None


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding`` as decode_report names it; UTF-16/32 get their BOM back."""
    if encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        bom = next(bom for bom, name in _BOMS if name == encoding)
        return bom + text.encode(encoding)
    try:
        return text.encode(encoding)
    except LookupError:
        raise InputError(encoding, "unknown encoding (try utf-8, utf-8-sig, gb18030, "
                                   "utf-16)") from None
    except UnicodeEncodeError as error:
        raise InputError(encoding, f"cannot encode {text[error.start:error.end]!r}: "
                                   f"choose another --encoding (utf-8 holds everything)") from None


def check_encoding(encoding: str) -> str:
    """The codec name for ``encoding``, or an InputError naming it."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(encoding, "unknown encoding (try utf-8, utf-8-sig, gb18030, "
                                   "utf-16)") from None
    return encoding


def write_text(path: str | Path, text: str, force: bool = False,
               encoding: str = "utf-8") -> None:
    """Write ``text`` (UTF-8 unless told) atomically; refuse to replace a file unless ``force``."""
    write_bytes(path, encode(text, encoding), force)


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
        if force:
            os.replace(temporary, target)
        else:
            _move_no_clobber(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _move_no_clobber(temporary: str, target: Path) -> None:
    """Move into place unless something appeared there meanwhile (a link fails if it exists)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise InputError(str(target), "already exists; use --force to overwrite it") from None
    except OSError:
        # File systems without hard links: the check above is the best there is.
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when two paths name one existing file (so an output would clobber an input)."""
    try:
        return Path(first).resolve() == Path(second).resolve() or os.path.samefile(first, second)
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return False
