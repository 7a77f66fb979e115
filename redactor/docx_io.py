"""Word documents (.docx): read their text with locations, and redact them in place.

python-docx is an optional dependency (``pip install 'redactor[docx]'``); this module
imports it only when a .docx is actually read.

How a document is redacted: every paragraph of every story (body, tables, text boxes,
headers, footers, footnotes, endnotes, comments) is read as the concatenation of its
text nodes (``w:t``). All paragraphs are joined with newlines into one text and redacted
once, so the report's own jurisdiction level is detected on the whole document and a
name split across runs (长|沙市, 2|019) is found. Each mask is then mapped back onto the
runs that held its characters: the replacement goes into the first run of the span and
the other runs lose their part. Run properties (fonts, bold, colours), paragraph styles
and numbering are never touched; only the text of ``w:t`` nodes changes.

Deleted text of tracked changes (``w:delText``) is redacted as well, in its own pass,
since it is in the file even though Word hides it. Document properties (title,
subject, keywords, comments, author, last modified by) are redacted too.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, RedactorError
from .model import Mask, RuleSet, Template
from .redact import redact
from .textio import read_input_bytes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_P, W_T, W_DEL_T = f"{{{_W}}}p", f"{{{_W}}}t", f"{{{_W}}}delText"
W_TAB, W_BR, W_CR = f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr"
W_TBL, W_TR, W_TC = f"{{{_W}}}tbl", f"{{{_W}}}tr", f"{{{_W}}}tc"
W_TXBX = f"{{{_W}}}txbxContent"
W_FOOTNOTE, W_ENDNOTE, W_COMMENT = f"{{{_W}}}footnote", f"{{{_W}}}endnote", f"{{{_W}}}comment"
MC_FALLBACK = f"{{{_MC}}}Fallback"

#: Content types of the parts that hold text, and what a location calls them.
_STORIES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "body",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "body",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "body",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml": "header",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml": "footer",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "footnote",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "endnote",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml": "comment",
}
_STORY_ORDER = ("body", "header", "footer", "footnote", "endnote", "comment")
#: Core properties whose text is redacted.
_PROPERTIES = ("title", "subject", "keywords", "comments", "category", "author",
               "last_modified_by")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Location:
    """Where a stretch of a document's text is: ``text[start:end]`` is one paragraph."""

    start: int
    end: int
    #: "body", "header", "footer", "footnote", "endnote", "comment"; "text" for a text file.
    story: str
    #: A human label: "paragraph 12", "table 2, row 3, cell 1", "header 1, paragraph 1".
    label: str


@dataclass(frozen=True)
class DocumentText:
    """The visible text of a document (paragraphs joined by newlines) and where each is.

    Body paragraphs come first, in document order (tables and text boxes included),
    then headers, footers, footnotes, endnotes and comments.
    """

    text: str
    locations: tuple[Location, ...]
    path: str = ""

    def locate(self, offset: int) -> Location | None:
        """The paragraph holding ``text[offset]`` (a newline belongs to the one before it)."""
        starts = [location.start for location in self.locations]
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return None
        location = self.locations[index]
        return location if offset <= location.end else None

    def where(self, offset: int) -> str:
        """A label for ``offset``: "paragraph 3", "table 1, row 2, cell 1", ..."""
        location = self.locate(offset)
        return location.label if location else "end of document"


def require_docx() -> Any:
    """The python-docx package, or a RedactorError telling how to install it."""
    try:
        import docx  # noqa: PLC0415 (optional dependency, imported on use)
    except ImportError:
        raise RedactorError("reading and writing .docx needs python-docx: "
                            "pip install 'redactor[docx]' (or pip install python-docx)") from None
    return docx


def is_docx(path: str | Path) -> bool:
    return Path(str(path)).suffix.lower() == ".docx"


def open_document(path: str | Path) -> Any:
    """A python-docx Document, with one-line errors for the files Word users hand over."""
    name = str(path)
    suffix = Path(name).suffix.lower()
    if suffix == ".doc":
        raise InputError(name, "is an old binary Word .doc; open it in Word or LibreOffice and "
                               "save it as .docx first")
    data = read_input_bytes(name)
    return load_document(data, name)


def load_document(data: bytes, name: str) -> Any:
    docx = require_docx()
    if data.startswith(_OLE_MAGIC):
        raise InputError(name, "is password-protected (encrypted) or an old .doc renamed to "
                               ".docx; remove the password or save it as .docx, then retry")
    if data.startswith(b"%PDF-"):
        raise InputError(name, "is a PDF, not a Word document; redactor cannot read PDFs")
    if not data.startswith(b"PK"):
        raise InputError(name, "is not a .docx (it is not a ZIP package); is it a text file "
                               "with the wrong name?")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError):
        raise InputError(name, "is a damaged .docx (the ZIP package is truncated or corrupt)"
                         ) from None
    except KeyError as error:
        raise InputError(name, f"is a damaged .docx (part {error} is missing)") from None
    except Exception as error:  # python-docx and lxml raise many kinds here
        if type(error).__name__ == "PackageNotFoundError":
            raise InputError(name, "is not a Word document package") from None
        if "content type" in str(error).lower() or "not a Word file" in str(error):
            raise InputError(name, "is not a Word document (it may be a spreadsheet or "
                                   "presentation)") from None
        raise InputError(name, f"is a damaged .docx ({type(error).__name__}: "
                               f"{str(error)[:120]})") from None


# --- walking the XML ---------------------------------------------------------------


@dataclass
class _Story:
    """One XML part that holds text: its root element and, for generic parts, the part."""

    kind: str
    number: int
    root: Any
    part: Any
    #: Generic parts (footnotes, endnotes) hold bytes: write the XML back on save.
    generic: bool


def _stories(document: Any) -> list[_Story]:
    from docx.oxml import parse_xml  # noqa: PLC0415

    found: list[_Story] = []
    counters: dict[str, int] = {}
    for part in sorted(document.part.package.iter_parts(), key=lambda p: str(p.partname)):
        kind = _STORIES.get(part.content_type)
        if kind is None:
            continue
        element = getattr(part, "_element", None)
        generic = element is None
        root = parse_xml(part.blob) if generic else element
        counters[kind] = counters.get(kind, 0) + 1
        found.append(_Story(kind, counters[kind], root, part, generic))
    found.sort(key=lambda story: _STORY_ORDER.index(story.kind))
    return found


def _own(node: Any, paragraph: Any) -> bool:
    """True if ``node``'s nearest enclosing paragraph is ``paragraph`` (not a text box's)."""
    for ancestor in node.iterancestors(W_P):
        return ancestor is paragraph
    return False


@dataclass
class _Piece:
    """A stretch of the concatenated text: a writable text node, or a fixed character."""

    start: int
    end: int
    node: Any = None  # None: a tab, break or the newline between paragraphs


def _paragraph_label(story: _Story, paragraph: Any, counts: dict[Any, int],
                     tables: dict[Any, int]) -> str:
    where = []
    if story.kind == "header" or story.kind == "footer":
        where.append(f"{story.kind} {story.number}")
    for ancestor in reversed(list(paragraph.iterancestors())):
        if ancestor.tag in (W_FOOTNOTE, W_ENDNOTE, W_COMMENT):
            where.append(f"{story.kind} {ancestor.get(f'{{{_W}}}id')}")
        elif ancestor.tag == W_TBL:
            where.append(f"table {tables.get(ancestor, 0)}")
        elif ancestor.tag == W_TR:
            where.append(f"row {_child_index(ancestor, W_TR)}")
        elif ancestor.tag == W_TC:
            where.append(f"cell {_child_index(ancestor, W_TC)}")
        elif ancestor.tag == W_TXBX:
            where.append("text box")
    container = paragraph.getparent()
    counts[container] = counts.get(container, 0) + 1
    if story.kind == "body" and len(where) == 0:
        counts["body"] = counts.get("body", 0) + 1
        where.append(f"paragraph {counts['body']}")
    else:
        where.append(f"paragraph {counts[container]}")
    return ", ".join(where)


def _child_index(element: Any, tag: str) -> int:
    return 1 + sum(1 for _ in element.itersiblings(tag, preceding=True))


def _walk(stories: list[_Story], deleted: bool, with_fallback: bool
          ) -> Iterator[tuple[_Story, Any, list[tuple[Any, str]]]]:
    """Each paragraph with its pieces: (node or None, text) in reading order."""
    text_tag = W_DEL_T if deleted else W_T
    for story in stories:
        for paragraph in story.root.iter(W_P):
            if not with_fallback and any(True for _ in paragraph.iterancestors(MC_FALLBACK)):
                continue
            pieces: list[tuple[Any, str]] = []
            for node in paragraph.iter(text_tag, W_TAB, W_BR, W_CR):
                if not _own(node, paragraph):
                    continue
                if node.tag == text_tag:
                    pieces.append((node, node.text or ""))
                elif not deleted:
                    pieces.append((None, "\t" if node.tag == W_TAB else "\n"))
            yield story, paragraph, pieces


def _document_text(stories: list[_Story], path: str) -> DocumentText:
    parts: list[str] = []
    locations: list[Location] = []
    position = 0
    counts: dict[Any, int] = {}
    tables: dict[Any, int] = {}
    for story in stories:
        tables.update((table, number) for number, table in enumerate(story.root.iter(W_TBL), 1))
    for story, paragraph, pieces in _walk(stories, deleted=False, with_fallback=False):
        text = "".join(piece for _, piece in pieces)
        label = _paragraph_label(story, paragraph, counts, tables)
        locations.append(Location(position, position + len(text), story.kind, label))
        parts.append(text)
        position += len(text) + 1
    return DocumentText("\n".join(parts), tuple(locations), path)


def read_document(path: str | Path) -> DocumentText:
    """The visible text of a .docx with the location of every paragraph (for diff/check).

    Any other file is read as a text report (UTF-8, GB18030, UTF-16; see textio), and
    its locations are its lines ("line 12"), so callers need one code path for both.
    """
    if not is_docx(path):
        from .textio import read_text  # noqa: PLC0415

        text = read_text(path)
        locations = []
        position = 0
        for number, line in enumerate(text.split("\n"), 1):
            locations.append(Location(position, position + len(line), "text", f"line {number}"))
            position += len(line) + 1
        return DocumentText(text, tuple(locations), str(path))
    document = open_document(path)
    return _document_text(_stories(document), str(path))


# --- redaction ---------------------------------------------------------------------


def _stream(stories: list[_Story], deleted: bool) -> tuple[str, list[_Piece]]:
    """All paragraphs' text joined by newlines, and the pieces that make it up."""
    chunks: list[str] = []
    pieces: list[_Piece] = []
    position = 0
    for _story, _paragraph, parts in _walk(stories, deleted, with_fallback=True):
        if chunks:
            chunks.append("\n")
            pieces.append(_Piece(position, position + 1))
            position += 1
        for node, text in parts:
            chunks.append(text)
            pieces.append(_Piece(position, position + len(text), node))
            position += len(text)
    return "".join(chunks), pieces


def apply_masks(text: str, pieces: list[_Piece], masks: tuple[Mask, ...]) -> None:
    """Rewrite the text nodes so the concatenation reads as the template.

    A mask's replacement goes into the first text node that holds one of its characters;
    every other node loses the masked characters it held.
    """
    writable = [piece for piece in pieces if piece.node is not None and piece.end > piece.start]
    starts = [piece.start for piece in writable]
    anchors: dict[int, int] = {}
    for index, mask in enumerate(masks):
        first = max(bisect.bisect_right(starts, mask.start) - 1, 0)
        while first < len(writable) and writable[first].end <= mask.start:
            first += 1
        if first < len(writable) and writable[first].start < mask.end:
            anchors[index] = first
    mask_starts = [mask.start for mask in masks]
    for number, piece in enumerate(writable):
        index = max(bisect.bisect_right(mask_starts, piece.start) - 1, 0)
        out: list[str] = []
        position = piece.start
        while index < len(masks) and masks[index].start < piece.end:
            mask = masks[index]
            if mask.end > piece.start:
                out.append(text[position:max(mask.start, position)])
                if anchors.get(index) == number:
                    out.append(mask.replacement)
                position = max(position, min(mask.end, piece.end))
            index += 1
        out.append(text[position:piece.end])
        _set_text(piece.node, "".join(out))


def _set_text(node: Any, value: str) -> None:
    node.text = value
    if value != value.strip():
        node.set(_XML_SPACE, "preserve")


def _check(stories: list[_Story], deleted: bool, expected: str, name: str) -> None:
    written, _ = _stream(stories, deleted)
    if written != expected:
        raise InputError(name, "could not map the masks back onto the document's runs "
                               "(nothing was written); please report this file")


@dataclass(frozen=True)
class DocxResult:
    """A redacted document: its bytes, and the template of its text (for summaries)."""

    data: bytes
    template: Template


def redact_docx_bytes(data: bytes, rules: RuleSet, name: str = "<docx>") -> DocxResult:
    """Redact a .docx given as bytes; returns the new file's bytes and the text template."""
    document = load_document(data, name)
    stories = _stories(document)
    text, pieces = _stream(stories, deleted=False)
    template = redact(text, rules)
    apply_masks(text, pieces, template.masks)
    _check(stories, False, template.text, name)
    deleted_text, deleted_pieces = _stream(stories, deleted=True)
    if deleted_text.strip():
        deleted = redact(deleted_text, rules)
        apply_masks(deleted_text, deleted_pieces, deleted.masks)
        _check(stories, True, deleted.text, name)
    _redact_properties(document, rules)
    from lxml import etree  # noqa: PLC0415 (python-docx depends on lxml)

    for story in stories:
        if story.generic:
            story.part._blob = etree.tostring(story.root, xml_declaration=True,
                                              encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return DocxResult(buffer.getvalue(), template)


def _redact_properties(document: Any, rules: RuleSet) -> None:
    properties = document.core_properties
    for field in _PROPERTIES:
        value = getattr(properties, field, None)
        if isinstance(value, str) and value.strip():
            setattr(properties, field, redact(value, rules).text)
