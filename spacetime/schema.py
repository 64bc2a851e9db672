"""The one definition of every record a data file holds: its fields, what each means, and the
rules a value must follow.

Everything else is derived from these definitions, never written again by hand:

- `model.py` builds the named tuples (`Event`, `Mission`, `Agency`, `Source`, `DatasetInfo`);
- `loader.py` checks a record field by field against them, and words its messages from them;
- `bulk.py` generates the msgspec structs its fast decoder checks large files with;
- `records.py` takes the JSON and CSV columns from them;
- `json_schema()` gives `data/spacetime.schema.json` (`scripts/write_schema.py` writes it; a test
  fails when the committed file differs);
- `field_table()` gives the README's table of event fields (`scripts/readme_help.py`).

Adding a field to a record is one line here plus the code that uses the new field.

Two levels of strictness: the bundled files (and `spacetime validate --strict`) must give every
field marked `required=STRICT`; a user's own files need only what is `required=ALWAYS`. This
module is imported on every run: it holds data only (and two small functions run on demand).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .chars import CONTROL, FORMAT

# -- what a value is ------------------------------------------------------------------------------
TEXT = "text"        # a string, trimmed; blank counts as absent
TEXTS = "texts"      # a list of strings (a single string is a list of one)
DATE = "date"        # a UTC date at its precision (dates.PartialDate)
BOOL = "bool"        # true or false
CHOICE = "choice"    # one of a fixed set of words
SOURCES = "sources"  # a list of {title, url} (a user file may give a bare URL)

ALWAYS, STRICT = "always", "strict"  # a field required in every file, or in strict files only

# Sanity limits: longer text is a broken file, not an event (and would flood a terminal).
MAX_TEXT = 1000

# The forms some text must have, as regular expressions. Compiled on first use (SLUG and the rest
# are module attributes made by __getattr__ below): the class of invisible characters in URL alone
# takes milliseconds to compile, and most runs (a snapshot read) never check a form.
SLUG_FORM = r"[a-z0-9]+(?:-[a-z0-9]+)*"
URL_FORM = f"https?://[^\\s{CONTROL}{FORMAT}]+"  # no invisible or control character
COSPAR_FORM = r"\d{4}-\d{3}[A-Z]{0,3}"
# Every form of launch tag GCAT uses: `1957 ALP`, `1961 A ALP` (Greek letters, to 1962), `1963-001`,
# `1958-F01` (failures), `1969-U01` (unclear cases).
LAUNCH_TAG_FORM = r"\d{4}(?: (?:[A-Z] )?[A-Z]{2,3}|-\d{3}|-[FU]\d{2,3})"
COUNTRY_FORM = r"[A-Z]{2}"
_FORMS = {"SLUG": SLUG_FORM, "URL": URL_FORM, "COSPAR": COSPAR_FORM, "LAUNCH_TAG": LAUNCH_TAG_FORM,
          "COUNTRY": COUNTRY_FORM}


def __getattr__(name: str) -> Any:
    if name in _FORMS:
        compiled = globals()[name] = re.compile(_FORMS[name])
        return compiled
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The forms dates.PartialDate.parse reads, for the JSON Schema (the loader parses them for real).
DATE_FORM = r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"

KINDS: tuple[str, ...] = (
    "launch", "landing", "splashdown", "docking", "undocking", "berthing", "eva", "flyby",
    "orbit-insertion", "impact", "sample-return", "deployment", "loss", "reentry", "founding",
    "milestone", "event", "other",
)
OUTCOMES: tuple[str, ...] = ("success", "partial", "failure")
AGENCY_TYPES: tuple[str, ...] = ("government", "commercial", "multinational", "academic")


class Field(NamedTuple):
    name: str
    kind: str
    doc: str
    """What the field means: the README's field table and the JSON Schema's description."""
    required: str | None = None
    """ALWAYS, STRICT (the bundled files, and files validated strictly) or None. A required list must have
    at least one item."""
    default: Any = None
    """The value when the file leaves the field out (or gives null or blank text)."""
    max_length: int = MAX_TEXT
    pattern: str | None = None
    """A form (a regular expression) the text, or each item of a list, must match in full."""
    loose: bool = False
    """The pattern holds in strict files only: a user file may write a name as it likes (an
    agency by its abbreviation, a mission by its title) and the loader resolves it."""
    choices: tuple[str, ...] = ()
    lower: bool = False
    """Items are folded to lower case."""
    output: bool = True
    """Part of the record's JSON and CSV rows."""

    def required_in(self, strict: bool) -> bool:
        return self.required == ALWAYS or (strict and self.required == STRICT)

    def pattern_in(self, strict: bool) -> re.Pattern[str] | None:
        """The compiled form the value must match, in a strict file or a user's."""
        return re.compile(self.pattern) if self.pattern is not None and (strict or not self.loose) else None


class Record(NamedTuple):
    name: str
    """What one is called in messages: `event 3 'apollo-11-launch'`."""
    section: str
    """The key of the list of them in a file."""
    fields: tuple[Field, ...]
    doc: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


SOURCE = Record("source", "sources", (
    Field("title", TEXT, "what the source is: a page title, a document name", ALWAYS),
    Field("url", TEXT, "an http(s) address", ALWAYS, pattern=URL_FORM),
), "A primary or reference source for a record.")

EVENT = Record("event", "events", (
    Field("id", TEXT, "stable slug (`apollo-11-landing`); derived from title and date when a user file leaves it out",
          STRICT, max_length=200, pattern=SLUG_FORM),
    Field("title", TEXT, "a headline in the present tense", ALWAYS, max_length=300),
    Field("date", DATE, "UTC, ISO 8601 at its precision: `1957`, `1957-10`, `1957-10-04`, `1957-10-04T19:28Z`, "
                        "`1957-10-04T19:28:34Z` (an offset such as `-05:00` is converted to UTC)", ALWAYS),
    Field("kind", CHOICE, "what happened", STRICT, default="event", choices=KINDS),
    Field("agencies", TEXTS, "agency ids; user files may name an agency by id, abbreviation or alias in any case",
          STRICT, default=(), pattern=SLUG_FORM, loose=True),
    Field("mission", TEXT, "the mission id the event belongs to, or null; user files may name it by title",
          pattern=SLUG_FORM, loose=True),
    Field("crewed", BOOL, "whether people were aboard", default=False),
    Field("crew", TEXTS, "who was aboard", default=()),
    Field("vehicle", TEXT, "the rocket for a launch; the spacecraft otherwise"),
    Field("site", TEXT, "the launch site for a launch; where it happened otherwise"),
    Field("cospar", TEXT, "the COSPAR designation of the spacecraft (`1969-059A`)", pattern=COSPAR_FORM),
    Field("launch", TEXT, "the GCAT launch tag of its launch, in any form GCAT uses (`1969-059`, `1957 ALP`, "
                          "`1958-F01`, `1969-U01`); links the event to the launch record, and a launch event's "
                          "date must agree with it", pattern=LAUNCH_TAG_FORM),
    Field("outcome", CHOICE, "how it went", choices=OUTCOMES),
    Field("summary", TEXT, "one or two sentences", STRICT, default="", max_length=4000),
    Field("tags", TEXTS, "lowercase words: `first`, `moon`, `station`, `crewed` ...", default=(), lower=True),
    Field("aliases", TEXTS, "other names people search for (`PS-1`, `ASTP`, `Progress 92`)", default=()),
    Field("sources", SOURCES, "list of `{title, url}`; a user file may give a bare URL", STRICT, default=()),
), "Something that happened on a date: a launch, a landing, a docking, a spacewalk, a loss.")

MISSION = Record("mission", "missions", (
    Field("id", TEXT, "stable slug (`apollo-11`)", ALWAYS, max_length=200, pattern=SLUG_FORM),
    Field("title", TEXT, "its name", ALWAYS, max_length=300),
    Field("aliases", TEXTS, "other names people search for", default=()),
    Field("summary", TEXT, "one or two sentences", default="", max_length=4000),
), "Events that belong together: a flight, a probe, a programme.")

AGENCY = Record("agency", "agencies", (
    Field("id", TEXT, "stable slug (`nasa`)", ALWAYS, max_length=200, pattern=SLUG_FORM),
    Field("abbreviation", TEXT, "short name shown in listings (the name when left out)", STRICT),
    Field("name", TEXT, "full name", ALWAYS),
    Field("aliases", TEXTS, "other names people type", default=()),
    Field("country", TEXT, "ISO 3166-1 alpha-2; `SU` for the Soviet Union, `EU` for European bodies", STRICT,
          default="", pattern=COUNTRY_FORM),
    Field("type", CHOICE, "what kind of body it is", STRICT, default="government", choices=AGENCY_TYPES),
    Field("founded", DATE, "when it was founded"),
    Field("dissolved", DATE, "when it ceased (or was absorbed by a successor)"),
    Field("predecessors", TEXTS, "ids of the agencies it grew out of", default=(), pattern=SLUG_FORM, loose=True),
    Field("successors", TEXTS, "ids of the agencies that took over its work", default=(), pattern=SLUG_FORM, loose=True),
    Field("sources", SOURCES, "where its facts come from", default=(), output=False),
), "A body that flies, builds or funds spaceflight, with its lineage.")

DATASET = Record("dataset", "dataset", (
    Field("name", TEXT, "the dataset's name", STRICT, default="dataset"),
    Field("version", TEXT, "its version", ALWAYS),
    Field("as_of", DATE, "the date its facts were last checked", STRICT),
    Field("description", TEXT, "what it holds", default=""),
), "What a set of files is, and how current.")


def slugify(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "event"


def event_id(title: str, date_iso: str) -> str:
    """The id of a user's event that has none: its title as a slug and its day (`apollo-11-19690716`)."""
    return f"{slugify(title)}-{date_iso[:10].replace('-', '')}"


# -- derived on demand -------------------------------------------------------------------------------
def _js_pattern(text: str) -> str:
    """A Python pattern as a JSON Schema (ECMA 262) one, anchored."""
    # Invisible characters of the basic plane as \\u escapes, which both dialects read alike; the
    # few beyond it stay themselves (the JSON file escapes them as it escapes any character).
    out = "".join(ch if (ch.isascii() and ch.isprintable()) or ord(ch) > 0xFFFF else f"\\u{ord(ch):04x}" for ch in text)
    return f"^{out}$"


def _value_schema(f: Field) -> dict[str, Any]:
    if f.kind == TEXT:
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": f.max_length}
        if f.pattern is not None:
            out["pattern"] = _js_pattern(f.pattern)
        return out
    if f.kind == DATE:
        return {"type": "string", "pattern": _js_pattern(DATE_FORM)}
    if f.kind == BOOL:
        return {"type": "boolean"}
    if f.kind == CHOICE:
        return {"enum": list(f.choices)}
    if f.kind == TEXTS:
        item: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": f.max_length}
        if f.pattern is not None:
            item["pattern"] = _js_pattern(f.pattern)
        return {"type": "array", "items": item, **({"minItems": 1} if f.required else {})}
    if f.kind == SOURCES:
        return {"type": "array", "items": {"$ref": "#/$defs/source"}, **({"minItems": 1} if f.required else {})}
    raise ValueError(f"unknown kind {f.kind!r}")


def _record_schema(record: Record) -> dict[str, Any]:
    properties = {}
    for f in record.fields:
        value = {"description": f.doc, **_value_schema(f)}
        if not f.required:  # null, like leaving it out
            value = {"description": value.pop("description"), "anyOf": [value, {"type": "null"}]}
        properties[f.name] = value
    return {
        "description": record.doc,
        "type": "object",
        "required": [f.name for f in record.fields if f.required],
        "additionalProperties": False,
        "properties": properties,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file as the bundled files (and `validate --strict`) must write it;
    user files may leave out what `required` lists, except an event's title and date."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://spacetime.invalid/schema/dataset.json",
        "title": "spacetime dataset file",
        "description": "One file of the spacetime timeline: any of dataset metadata, agencies, missions and "
                       "events. Generated from spacetime/schema.py. The bundled dataset follows this schema "
                       "exactly; user files may leave out everything but an event's title and date, and may "
                       "be just a list of events.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            DATASET.section: {"$ref": f"#/$defs/{DATASET.name}"},
            **{r.section: {"type": "array", "items": {"$ref": f"#/$defs/{r.name}"}} for r in (AGENCY, MISSION, EVENT)},
        },
        "$defs": {r.name: _record_schema(r) for r in (DATASET, AGENCY, MISSION, EVENT, SOURCE)},
    }


def field_table(record: Record, extra: dict[str, tuple[str, str]] | None = None) -> str:
    """A Markdown table of the record's fields (README). `extra` maps a field to an output-only
    column shown after it: (name, meaning)."""
    rows = ["| field | meaning |", "| --- | --- |"]
    for f in record.fields:
        meaning = f.doc
        if f.choices:
            meaning += ": " + ", ".join(f"`{c}`" for c in f.choices)
            if f.default is not None:
                meaning += f" (user files default to `{f.default}`)"
        if f.required == ALWAYS:
            meaning += "; required"
        elif f.required == STRICT:
            meaning += "; required in the bundled files"
        rows.append(f"| `{f.name}` | {meaning} |")
        if extra and f.name in extra:
            name, text = extra[f.name]
            rows.append(f"| `{name}` | {text} |")
    return "\n".join(rows)
