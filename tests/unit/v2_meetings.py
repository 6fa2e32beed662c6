"""Version 2 meeting files the tests build on: one using every key of the format, one
small one to change a key at a time, and how the tests write and import them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.unit.test_interchange import write_json
from wardpanel.interchange import import_files


def full_meeting() -> dict[str, Any]:
    """A version 2 file using every key of the format, written as a dump writes it."""
    return {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {
            "name": "Lea Bridge Ward Panel",
            "ward": "Lea Bridge",
            "borough": "Waltham Forest",
            "publish_residents": "named",
            "code": "LB",
        },
        "meeting": {
            "title": "Ward panel meeting",
            "date": "2026-10-08",
            "start": "19:00",
            "venue": "Lea Bridge Library",
            "chair": "Hannah Price",
            "status": "approved",
            "next_meeting": "2027-01-14",
            "approved": {"on": "2026-10-20", "by": "Hannah Price"},
            "previous_minutes": {"agreed": False, "amendments": "The date of the fun day."},
        },
        "attendance": [
            {"name": "Hannah Price", "role": "Panel chair", "status": "present", "named": True},
            {
                "name": "Owen Blake",
                "role": "Sergeant",
                "organisation": "Metropolitan Police",
                "status": "absent",
                "reason": "At a court hearing",
                "absence_category": "abstracted",
            },
            {
                "name": "Rita Okoye",
                "role": "PC",
                "organisation": "Metropolitan Police",
                "status": "present",
                "for": "Owen Blake",
                "arrived": "19:25",
                "left": "20:40",
            },
            {
                "role": "Borough Commander",
                "organisation": "Metropolitan Police",
                "status": "absent",
            },
            {
                "name": "Cllr Dev Patel",
                "organisation": "Waltham Forest Council",
                "status": "apologies",
                "reason": "Family illness",
                "absence_category": "sickness",
            },
            {"name": "Joy Mensah", "status": "present", "first_time": True},
        ],
        "notes": [
            {"heading": "Police update", "text": "Quiet month."},
            {"heading": "Operation Jigsaw", "text": "Details withheld.", "internal": True},
        ],
        "questions": [
            {
                "asked_by": "Joy Mensah",
                "anonymous": False,
                "topic": "Bus stop robberies",
                "text": "What is being done?",
                "responses": [
                    {
                        "organisation": "Metropolitan Police",
                        "responder": "Rita Okoye",
                        "text": "Patrols.",
                    },
                    {
                        "organisation": "Waltham Forest Council",
                        "text": "Cameras.",
                        "internal": True,
                    },
                ],
                "outcome": "answered",
            },
            {
                "anonymous": True,
                "text": "Who sets the priorities?",
                "responses": [],
                "outcome": "referred",
                "referred_to": "the borough's engagement team",
            },
            {
                "asked_by": "Joy Mensah",
                "anonymous": False,
                "text": "Thank you to the team.",
                "responses": [],
                "kind": "statement",
                "internal": True,
            },
            {
                "anonymous": False,
                "text": "Why no inspector?",
                "responses": [],
                "outcome": "unanswered",
            },
        ],
        "actions": [
            {
                "text": "Patrol the bus stops on Lea Bridge Road",
                "owner": "Rita Okoye",
                "organisation": "Metropolitan Police",
                "due": "2026-12-01",
                "status": "in_progress",
                "question": 1,
                "updates": [
                    {"date": "2026-11-02", "text": "Patrols started", "status": "in_progress"}
                ],
                "agreed_due": "2026-11-01",
                "priority": 2,
                "ref": "LB-7",
            },
            {
                "text": "Check the intelligence picture",
                "organisation": "Metropolitan Police",
                "due": "2026-11-15",
                "status": "open",
                "updates": [],
                "internal": True,
                "ref": "LB-8",
            },
        ],
        "priorities": [
            {"text": "Drug dealing in the park", "status": "active"},
            {
                "text": "Robbery at bus stops",
                "status": "active",
                "set_by": "police",
                "lead": "Metropolitan Police",
                "measure": "Robberies reported each month",
                "review_by": "2027-01-14",
            },
        ],
        "recommendations": [
            {
                "text": "Greatly improve the visibility of officers on the streets",
                "to": "Metropolitan Police",
                "from": "Waltham Forest Citizens' Assembly",
                "response_due": "2026-11-30",
                "response_due_as_said": "in the autumn",
                "status": "partly_accepted",
                "response": "More foot patrols at peak times.",
                "updates": [
                    {
                        "date": "2026-12-10",
                        "text": "Response published",
                        "status": "partly_accepted",
                    }
                ],
            },
            {"text": "Keep the library open late", "status": "awaiting_response", "updates": []},
        ],
        "figures": [
            {
                "category": "Section 60 stop and search",
                "value": 43,
                "period": "12 hours",
                "note": "14 arrests",
            },
            {"category": "Knife crime", "value": -38, "unit": "%", "period": "six months"},
            {"category": "Response time", "value": 38.5, "previous": 41.25, "unit": "minutes"},
            {"category": "Arrests", "value": 0, "previous": 70},
        ],
    }


def write(tmp_path: Path, data: dict[str, Any], name: str = "meeting.json") -> Path:
    return write_json(tmp_path / name, data)


def imported(tmp_path: Path, data: dict[str, Any]) -> int:
    [meeting_id] = import_files([write(tmp_path, data)])
    return meeting_id


def small_meeting() -> dict[str, Any]:
    """A version 2 file with one of each list entry and no version 2 key but the two a
    dump always writes: the panel's code and the action's reference."""
    return {
        "format": "wardpanel-meeting",
        "version": 2,
        "panel": {"name": "Small Panel", "code": "SP"},
        "meeting": {"title": "Ward panel meeting", "date": "2026-10-08", "status": "approved"},
        "attendance": [
            {"name": "Ann Officer", "organisation": "Metropolitan Police", "status": "present"},
            {"name": "Bo Resident", "status": "apologies"},
        ],
        "notes": [{"heading": "Police update", "text": "Quiet."}],
        "questions": [{"anonymous": False, "text": "Q", "responses": [{"text": "A"}]}],
        "actions": [
            {"text": "Do it", "due": "2026-11-01", "status": "open", "updates": [], "ref": "SP-1"}
        ],
        "priorities": [{"text": "Burglary", "status": "active"}],
        "recommendations": [],
        "figures": [],
    }
