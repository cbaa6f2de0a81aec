"""The other choice and the follow-up: the note as plain-text email drafts, and calendar reminders
(RFC 5545) for the days the notes say you will follow up."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cardgen.model import Note

LINE_OCTETS = 75  # RFC 5545 3.1: content lines are folded at this many octets
NAMES_IN_SUMMARY = 3  # a day with more people names the first two and counts the others


def email_draft(note: Note, text: str) -> str:
    """The same words as an email: To: (the recipient, with the `email` field or CSV column when
    there is one) and Subject: lines, a blank line, the message."""
    role = note.message.fields.get("role")
    subject = f"Thank you: {role} interview" if role else "Thank you"
    return f"To: {_to(note)}\nSubject: {subject}\n\n{text}\n"


def _to(note: Note) -> str:
    name = " ".join(note.recipient.name.split())
    if re.search(r'[,;:<>@"()\[\]\\]', name):  # an address parser would split the name there
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    email = " ".join(str(note.message.fields.get("email") or "").split())
    return f"{name} <{email}>" if email else name


def drafts_file(drafts: Sequence[str]) -> bytes:
    """message.txt: one draft as it is; several each under a numbered separator line, in order."""
    if len(drafts) == 1:
        return drafts[0].encode()
    count = len(drafts)
    parts = [f"===== Draft {n} of {count} =====\n{draft}" for n, draft in enumerate(drafts, start=1)]
    return "\n".join(parts).encode()


@dataclass(frozen=True)
class FollowUp:
    """Whom a note promised to follow up with, and on which day."""

    day: dt.date
    name: str
    company: str = ""
    role: str = ""
    email: str = ""


def follow_up(note: Note) -> FollowUp | None:
    """The note's follow-up (on message.decision_by), or None when it names no day."""
    day = note.message.fields.get("decision_by")
    if not isinstance(day, dt.date):
        return None
    fields = note.message.fields
    role, email = str(fields.get("role") or ""), str(fields.get("email") or "")
    return FollowUp(day, note.recipient.name, note.recipient.company, role, " ".join(email.split()))


def merge_calendars(follow_ups: Sequence[FollowUp]) -> bytes:
    """followup.ics for a run: one all-day event per day, in date order, naming everyone to follow
    up with that day (in run order) and with one 9:00 alarm. One reminder a day, not one per person:
    following up is one sitting at your desk, and twenty alarms or twenty short meetings at once
    would bury the day's calendar."""
    days: dict[dt.date, list[FollowUp]] = {}
    for one in follow_ups:
        days.setdefault(one.day, []).append(one)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cardgen//follow-up//EN", "CALSCALE:GREGORIAN"]
    for day in sorted(days):
        lines += _event(day, days[day])
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode()


def _event(day: dt.date, people: list[FollowUp]) -> list[str]:
    summary = f"Follow up with {_names(people)}{_about({p.role for p in people})}"
    if len(people) == 1:
        (one,) = people
        company = f" at {one.company}" if one.company else ""
        description = f"Your note to {one.name}{company} said you would follow up today."
    else:
        roles = {p.role for p in people}
        rows = [
            f"{n}. {_who(p)}{_about({p.role}) if len(roles) > 1 else ''}" for n, p in enumerate(people, 1)
        ]
        description = "Your notes said you would follow up today with:\n" + "\n".join(rows)
    # The same follow-ups give the same UID, so importing the file again updates the event.
    uid = hashlib.sha256(f"{day}|{summary}|{description}".encode()).hexdigest()[:24]
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@cardgen",
        f"DTSTAMP:{day:%Y%m%d}T000000Z",  # fixed, not the clock: the same notes give the same file
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",  # a reminder, not a meeting: the day stays free
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        "TRIGGER;RELATED=START:PT9H",
        "END:VALARM",
        "END:VEVENT",
    ]


def _names(people: list[FollowUp]) -> str:
    names = [p.name for p in people]
    if len(names) > NAMES_IN_SUMMARY:
        return f"{names[0]}, {names[1]} and {len(names) - 2} others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _about(roles: set[str]) -> str:
    (role,) = roles if len(roles) == 1 else ("",)
    return f" about the {role} role" if role else ""


def _who(person: FollowUp) -> str:
    company = f" ({person.company})" if person.company else ""
    email = f" <{person.email}>" if person.email else ""
    return f"{person.name}{company}{email}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at LINE_OCTETS octets (continuations start with a space), never
    inside a UTF-8 character."""
    parts, current, size, limit = [], "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)
