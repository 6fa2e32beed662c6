"""Meeting files in and out: the `wardpanel-meeting` JSON format, version 1.

The format is a shared contract (INTERFACES.md, section 2): clerks' scripts and other
tools write and read it. Reading is strict, because a file is usually written by a
program and a silent guess would corrupt the record.

- `format`: the format's name, version and keys, and InterchangeError, which names the
  file, the key and the value at fault;
- `reading`: a file loaded and checked into plain dataclasses, touching no database;
- `importing`: checked files written into the database, all or nothing, and who is who;
- `dumping`: a meeting as a file, so that a dump imported into an empty database
  dumps to the same JSON;
- `copying`: a whole database moved to another engine or place, checked meeting by
  meeting with the dumps.
"""

from wardpanel.interchange.dumping import dump_meeting, dump_text
from wardpanel.interchange.format import DEFAULT_TITLE, FORMAT, VERSION, InterchangeError
from wardpanel.interchange.importing import find_meeting, import_files
from wardpanel.interchange.reading import MeetingFile, read_meeting_file

__all__ = [
    "DEFAULT_TITLE",
    "FORMAT",
    "VERSION",
    "InterchangeError",
    "MeetingFile",
    "dump_meeting",
    "dump_text",
    "find_meeting",
    "import_files",
    "read_meeting_file",
]
