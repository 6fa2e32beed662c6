"""A council's own Word template (`--template FILE`), checked before anything is written.

A .docx or .dotx whose styles, fonts, colours and letterhead the documents are built
on (exporting.wordbase). A file that is missing, is not a Word document, is
password-protected, or has none of Word's built-in styles is refused with one line
naming it (TemplateError, status 2), before any document is built or written.

python-docx is imported only when a template is actually read, so importing the
exporting package stays cheap.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from wardpanel.core.errors import USER_FAULT, WardpanelError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted (or .doc) Word file
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class TemplateError(WardpanelError):
    """A --template file that cannot be built on; the message names it (status 2)."""


_template: contextvars.ContextVar[bytes | None] = contextvars.ContextVar(
    "wardpanel_template", default=None
)


def read_template(path: Path) -> bytes:
    """A council's .docx/.dotx as bytes python-docx opens as a document, checked.

    Raises TemplateError (status 2) naming the file when it is missing, not a Word
    document, password-protected or without styles of its own.
    """
    shown = f"--template {path}"
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"{shown}: there is no such file", USER_FAULT) from None
    except IsADirectoryError:
        raise TemplateError(f"{shown}: is a folder, not a Word document", USER_FAULT) from None
    except OSError as error:
        raise TemplateError(f"{shown}: cannot be read ({error.strerror})", USER_FAULT) from None
    if raw.startswith(_OLE_SIGNATURE):
        raise TemplateError(
            f"{shown}: is password-protected or an old .doc file; "
            "save an unprotected copy as .docx or .dotx",
            USER_FAULT,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise zipfile.BadZipFile
            types = package.read("[Content_Types].xml")
            has_styles = "word/styles.xml" in names
            if types.find(_TEMPLATE_MAIN.encode()) >= 0:
                # python-docx opens documents only: a .dotx is the same package but
                # for the main part's content type.
                as_document = types.replace(_TEMPLATE_MAIN.encode(), _DOCUMENT_MAIN.encode())
                raw = _as_document(package, as_document)
    except zipfile.BadZipFile:
        raise TemplateError(
            f"{shown}: is not a Word document (.docx or .dotx)", USER_FAULT
        ) from None
    if not has_styles:
        raise TemplateError(f"{shown}: has none of Word's built-in styles", USER_FAULT)
    try:
        import docx

        styles = docx.Document(io.BytesIO(raw)).styles.element
    except Exception:  # python-docx's own errors are many and undocumented
        raise TemplateError(
            f"{shown}: is not a Word document python-docx can read", USER_FAULT
        ) from None
    normal = f"{{{W_NS}}}style[@{{{W_NS}}}styleId='Normal']"
    if styles.find(normal) is None:
        raise TemplateError(f"{shown}: has none of Word's built-in styles", USER_FAULT)
    return raw


def _as_document(package: zipfile.ZipFile, types: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_:
        for item in package.infolist():
            data = types if item.filename == "[Content_Types].xml" else package.read(item)
            copy_.writestr(item, data)
    return out.getvalue()


@contextlib.contextmanager
def template_used(template: bytes | None) -> Iterator[None]:
    """Within this block every document is built on `template` (from read_template)."""
    token = _template.set(template)
    try:
        yield
    finally:
        _template.reset(token)


def chosen_template() -> bytes | None:
    """The template documents are being built on (see template_used), if any."""
    return _template.get()
