"""Figures across a panel's meetings: `previous` from the panel's last meeting with the
same category, the change, and `wardpanel figures PANEL` as a table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from tests.unit.test_interchange import FIXTURES
from wardpanel.cli import main
from wardpanel.interchange import import_files
from wardpanel.queries.figures import figure_change

PANEL = "Hoe Street Ward Panel"


def meeting_file(tmp_path: Path, day: str, figures: list[dict]) -> Path:
    path = tmp_path / f"{day}.json"
    content = {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {"name": PANEL},
        "meeting": {"date": day, "title": "Ward panel meeting"},
        "figures": figures,
    }
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(database)], catch_exceptions=False)


def three_meetings(tmp_path: Path) -> None:
    import_files(
        [
            meeting_file(tmp_path, "2026-07-10", [{"category": "Burglary", "value": 14}]),
            meeting_file(
                tmp_path,
                "2026-01-10",
                [{"category": "Burglary", "value": 20}, {"category": "Robbery", "value": 3}],
            ),
            meeting_file(
                tmp_path,
                "2026-04-10",
                [
                    {"category": "burglary ", "value": 17, "previous": 21},
                    {"category": "Knife crime", "value": -38, "unit": "%"},
                ],
            ),
        ]
    )


def test_previous_comes_from_the_last_earlier_meeting_unless_the_meeting_gave_one(
    database: str, tmp_path: Path
) -> None:
    three_meetings(tmp_path)

    result = run(database, "figures", "hoe street ward panel", "--csv")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    burglary = [
        (r["date"], r["value"], r["previous"], r["change"])
        for r in rows
        if r["category"].strip().lower() == "burglary"
    ]
    assert burglary == [
        ("2026-01-10", "20", "", ""),
        ("2026-04-10", "17", "21", "-4"),  # as the meeting recorded it
        ("2026-07-10", "14", "17", "-3"),  # filled from April
    ]
    assert [r["category"] for r in rows] == [
        "Burglary",
        "Robbery",
        "burglary",
        "Knife crime",
        "Burglary",
    ]


def test_figures_json_gives_numbers(database: str, tmp_path: Path) -> None:
    three_meetings(tmp_path)

    records = json.loads(run(database, "figures", PANEL, "--json").stdout)

    knife = next(r for r in records if r["category"] == "Knife crime")
    assert (knife["value"], knife["previous"], knife["change"], knife["unit"]) == (
        -38,
        None,
        None,
        "%",
    )
    assert records[-1]["previous"] == 17 and records[-1]["change"] == -3


def test_the_partnerships_pilot_figures_as_csv_rows(database: str) -> None:
    import_files([FIXTURES / "v2_partnership.json"])

    result = run(database, "figures", "Waltham Forest Violence Reduction Partnership", "--csv")

    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["category"], r["value"], r["unit"]) for r in rows][:3] == [
        ("Arrests in the High Street pilot", "70", ""),
        ("Knives seized in the High Street pilot", "15", ""),
        ("Change in recorded knife crime, High Street pilot area", "-38", "%"),
    ]


def test_an_unknown_panel_is_one_line_and_exit_2(database: str) -> None:
    result = run(database, "figures", "Nowhere Panel")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "wardpanel: PANEL: no panel called 'Nowhere Panel'"


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(database: str, tmp_path: Path) -> None:
    import_files(
        [meeting_file(tmp_path, "2026-01-10", [{"category": "=HYPERLINK(1)", "value": 1}])]
    )

    rows = list(csv.DictReader(io.StringIO(run(database, "figures", PANEL, "--csv").stdout)))

    assert rows[0]["category"] == "'=HYPERLINK(1)"


def test_change_keeps_decimals_and_signs() -> None:
    assert figure_change("14", "20") == "-6"
    assert figure_change("20", "14") == "+6"
    assert figure_change("38.5", "40") == "-1.5"
    assert figure_change("5", "5") == "0"
    assert figure_change("5", None) == ""


def test_a_figure_that_is_not_a_number_is_refused_naming_the_field(database: str) -> None:
    from wardpanel import services
    from wardpanel.core.errors import InputError
    from wardpanel.core.models import Figure

    panel = services.create_panel("Hoe Street Ward Panel")
    meeting = services.create_meeting(panel.id, "2026-04-10")
    figure = services.add_figure(meeting.id, "Burglary", "14")
    try:
        services.update_figure(figure.id, "Burglary", "fourteen")
    except InputError as error:
        assert error.field == "value"
    else:
        raise AssertionError("a figure of words was stored")
    assert Figure.get_by_id(figure.id).value == "14"


def test_the_stop_and_search_groups_figures_as_csv_rows(database: str) -> None:
    import_files([FIXTURES / "v2_stop_and_search.json"])

    panel = "Walthamstow Stop and Search Community Monitoring Group"
    result = run(database, "figures", panel, "--csv")

    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["category"], r["value"], r["note"]) for r in rows][:2] == [
        ("2026-04-16", "Section 60 stop and searches", "43", ""),
        (
            "2026-04-16",
            "Arrests under the Section 60",
            "14",
            "Eight for carrying an offensive weapon",
        ),
    ]
