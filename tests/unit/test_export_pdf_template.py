"""`export ... --pdf` and `--template FILE`: a PDF beside the .docx, a council's own
styles and letterhead, and one clear line (nothing written) for a template that will
not do."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import Result
from docx.shared import Pt

from tests.render_check import read_blocks
from tests.sample_cache import fresh_sample
from tests.unit.test_cli_export import run

LETTERHEAD = "Waltham Forest Council · Community Safety"


@pytest.fixture
def sample(database: str):
    return fresh_sample()


def minutes_on(database: str, sample, template: Path, out: Path) -> Result:
    meeting = str(sample.meeting_id)
    return run(database, "export", "minutes", meeting, "-o", str(out), "--template", str(template))


def council_template(path: Path, *, drop: tuple[str, ...] = ()) -> Path:
    """A council's template: Georgia 13 pt, a letterhead, perhaps some styles missing."""
    template = docx.Document()
    template.styles["Normal"].font.name = "Georgia"
    template.styles["Normal"].font.size = Pt(13)
    header = template.sections[0].header
    header.paragraphs[0].text = LETTERHEAD
    template.add_paragraph("Delete me: sample text in the template.")
    for name in drop:
        element = template.styles[name].element
        element.getparent().remove(element)
    template.save(path)
    return path


def header_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).sections[0].header.paragraphs)


def test_template_gives_its_fonts_and_letterhead(database, sample, tmp_path: Path) -> None:
    template = council_template(tmp_path / "council.docx")
    out = tmp_path / "minutes.docx"
    result = minutes_on(database, sample, template, out)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(13)
    header = header_text(out)
    assert LETTERHEAD in header and "Minutes of" in header
    # The template's own sample text is not carried into the minutes.
    assert not any("Delete me" in b.text for b in read_blocks(out))


def test_template_lacking_a_style_falls_back_to_ours(database, sample, tmp_path: Path) -> None:
    template = council_template(tmp_path / "bare.docx", drop=("Heading 3", "Heading 2"))
    out = tmp_path / "minutes.docx"
    result = minutes_on(database, sample, template, out)
    assert result.exit_code == 0, result.output
    styles = {b.style for b in read_blocks(out)}
    assert {"Heading 2", "Heading 3"} <= styles


def test_a_dotx_template_is_taken(database, sample, tmp_path: Path) -> None:
    source = council_template(tmp_path / "council.docx")
    dotx = tmp_path / "council.dotx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(dotx, "w") as out:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(item, data)
    result = run(
        database, "export", "actions", "-o", str(tmp_path / "a.docx"), "--template", str(dotx)
    )
    assert result.exit_code == 0, result.output
    assert docx.Document(str(tmp_path / "a.docx")).styles["Normal"].font.name == "Georgia"


def _not_a_template(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.docx"
    if kind == "text":
        path.write_text("not a Word document")
    elif kind == "protected":  # an encrypted Word file is an OLE compound file
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif kind == "no-styles":
        buffer = io.BytesIO()
        docx.Document().save(buffer)
        with zipfile.ZipFile(buffer) as package, zipfile.ZipFile(path, "w") as out:
            for item in package.infolist():
                if item.filename != "word/styles.xml":
                    out.writestr(item, package.read(item))
    return path


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("text", "is not a Word document"),
        ("protected", "is password-protected"),
        ("no-styles", "has none of Word's built-in styles"),
        ("missing", "there is no such file"),
    ],
)
def test_a_template_that_will_not_do_is_refused_and_nothing_written(
    database, sample, tmp_path: Path, kind: str, said: str
) -> None:
    template = _not_a_template(tmp_path, kind)
    out = tmp_path / "minutes.docx"
    result = minutes_on(database, sample, template, out)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("wardpanel: --template") and said in line
    assert not out.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_pdf_is_written_beside_the_docx(database, sample, tmp_path: Path) -> None:
    out = tmp_path / "minutes.docx"
    result = run(database, "export", "minutes", str(sample.meeting_id), "-o", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "minutes.pdf"
    assert result.stdout.splitlines() == [str(out), str(pdf)]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data  # tagged
    assert (pdf.stat().st_mode & 0o777) == 0o600


def test_without_libreoffice_the_docx_is_kept_and_the_message_says_why(
    database, sample, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("WARDPANEL_SOFFICE", str(tmp_path / "no-such-soffice"))
    out = tmp_path / "actions.docx"
    result = run(database, "export", "actions", "-o", str(out), "--pdf")
    assert result.exit_code == 1
    assert out.exists() and not (tmp_path / "actions.pdf").exists()
    (line,) = result.stderr.strip().splitlines()
    assert "no PDF of actions.docx: LibreOffice is not installed" in line


def test_a_failing_libreoffice_is_reported(database, sample, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("WARDPANEL_SOFFICE", str(broken))
    out = tmp_path / "actions.docx"
    result = run(database, "export", "actions", "-o", str(out), "--pdf")
    assert result.exit_code == 1
    assert out.exists()
    assert "LibreOffice failed (Error: source file could not be loaded)" in result.stderr


def test_pack_goes_to_exports_and_an_unknown_meeting_is_refused(
    database, sample, in_tmp_cwd: Path
) -> None:
    result = run(database, "export", "pack", str(sample.meeting_id))
    assert result.exit_code == 0, result.output
    written = Path(result.stdout.strip())
    assert written == in_tmp_cwd / "exports" / "2026-04-10-hoe-street-ward-panel-pack.docx"
    assert written.exists()
    refused = run(database, "export", "pack", "999")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "wardpanel: meeting 999: there is no meeting with that id"
