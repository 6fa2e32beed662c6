"""Meeting files in and out: the `wardpanel-meeting` JSON format, versions 1 and 2.

The format is a shared contract (docs/meeting-file.md): clerks' scripts and other
tools write and read it. Reading is strict, because a file is usually written by a
program and a silent guess would corrupt the record.

- `format`: the format's name, versions, keys and limits, and InterchangeError, which
  names the file, the key and the value at fault;
- `loading`: a file's JSON, read only from a regular file of bounded size;
- `checking` and `reading`: the JSON checked, value by value and as a whole, into the
  plain dataclasses of `contents`, touching no database;
- `importing`: checked files written into the database (`writing` says who is who),
  all or nothing, in one short transaction;
- `dumping`: a meeting as a file, so that a dump imported into an empty database
  dumps to the same JSON;
- `copying`: a whole database moved to another engine or place, checked meeting by
  meeting with the dumps.
"""

from wardpanel.interchange.dumping import dump_meeting, dump_text
from wardpanel.interchange.format import (
    DEFAULT_TITLE,
    FORMAT,
    MAX_FILE_BYTES,
    VERSION,
    VERSIONS,
    InterchangeError,
)
from wardpanel.interchange.importing import find_meeting, import_files
from wardpanel.interchange.reading import MeetingFile, read_meeting_file

__all__ = [
    "DEFAULT_TITLE",
    "FORMAT",
    "MAX_FILE_BYTES",
    "VERSION",
    "VERSIONS",
    "InterchangeError",
    "MeetingFile",
    "dump_meeting",
    "dump_text",
    "find_meeting",
    "import_files",
    "read_meeting_file",
]
