"""A tagged PDF beside a written .docx, made by LibreOffice, for a council's website.

LibreOffice is found as `soffice` (or `libreoffice`) on the PATH, or where the
WARDPANEL_SOFFICE environment variable points. Each conversion runs with a private,
throwaway LibreOffice profile, so it neither disturbs nor waits for a LibreOffice the
clerk has open. The PDF is tagged (headings, tables and reading order for screen
readers) and carries the document's title.

The .docx is always written first: when there is no LibreOffice, or it fails, the
clerk still has the document and PdfError says why there is no PDF (status 1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from wardpanel.core.errors import OTHER_FAILURE, WardpanelError
from wardpanel.core.files import write_atomically

CONVERSION_SECONDS = 180
# Tagged PDF, the title from the document's properties, bookmarks from its headings.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


class PdfError(WardpanelError):
    """No PDF was made; the message says why (the .docx is written all the same)."""


def libreoffice() -> str | None:
    """The LibreOffice program to convert with, or None when there is none."""
    chosen = os.environ.get("WARDPANEL_SOFFICE")
    if chosen:
        return chosen if Path(chosen).is_file() and os.access(chosen, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(document: Path, *, force: bool = False) -> Path:
    """Convert the written `document` (.docx) to a tagged PDF beside it; return its path.

    The PDF takes the document's name with .pdf; an existing file of that name is
    replaced only with `force`. Raises PdfError (status 1) when LibreOffice is missing,
    fails or takes longer than CONVERSION_SECONDS, and the file writer's errors when the
    PDF cannot be put in place.
    """
    program = libreoffice()
    if program is None:
        raise PdfError(
            f"no PDF of {document.name}: LibreOffice is not installed "
            "(install it, or set WARDPANEL_SOFFICE to its soffice program)",
            OTHER_FAILURE,
        )
    with tempfile.TemporaryDirectory(prefix="wardpanel-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(work_dir),
            str(document),
        ]
        try:
            finished = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=CONVERSION_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"no PDF of {document.name}: LibreOffice took longer than "
                f"{CONVERSION_SECONDS} seconds",
                OTHER_FAILURE,
            ) from None
        except OSError as error:
            raise PdfError(
                f"no PDF of {document.name}: LibreOffice could not be started ({error.strerror})",
                OTHER_FAILURE,
            ) from None
        made = work_dir / (document.stem + ".pdf")
        if finished.returncode != 0 or not made.is_file():
            said = " ".join((finished.stderr or finished.stdout or "").split())[:200]
            raise PdfError(
                f"no PDF of {document.name}: LibreOffice failed"
                + (f" ({said})" if said else f" (exit status {finished.returncode})"),
                OTHER_FAILURE,
            )
        return write_atomically(document.with_suffix(".pdf"), made.read_bytes(), force=force)
