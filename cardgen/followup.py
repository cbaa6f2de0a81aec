"""The other choice and the follow-up: the note as a plain-text email draft, and a calendar reminder."""

from __future__ import annotations

import datetime as dt
import hashlib

from cardgen.model import Note


def email_draft(note: Note, text: str) -> str:
    """The same words as an email: a subject line, a blank line, the message."""
    role = note.message.fields.get("role")
    subject = f"Thank you: {role} interview" if role else "Thank you"
    return f"Subject: {subject}\n\n{text}\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def followup_calendar(note: Note, text: str) -> str | None:
    """An iCalendar file with an all-day event and a 9:00 alarm on message.decision_by, or None."""
    day = note.message.fields.get("decision_by")
    if not isinstance(day, dt.date):
        return None
    role = note.message.fields.get("role")
    about = f" about the {role} role" if role else ""
    summary = f"Follow up with {note.recipient.name}{about}"
    company = f" at {note.recipient.company}" if note.recipient.company else ""
    description = f"Your note to {note.recipient.name}{company} said you would follow up today."
    uid = hashlib.sha256(f"{summary}|{day}|{text}".encode()).hexdigest()[:24]
    next_day = day + dt.timedelta(days=1)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cardgen//follow-up//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}@cardgen",
        f"DTSTAMP:{day:%Y%m%d}T000000Z",  # fixed, not the clock: the same note gives the same file
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{next_day:%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        "TRIGGER;RELATED=START:PT9H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def merge_calendars(calendars: list[str]) -> bytes:
    """One calendar file holding every run's event (one calendar as it is)."""
    if len(calendars) == 1:
        return calendars[0].encode()
    events = [c.split("BEGIN:VEVENT", 1)[1].rsplit("END:VEVENT", 1)[0] for c in calendars]
    head = calendars[0].split("BEGIN:VEVENT", 1)[0]
    body = "".join(f"BEGIN:VEVENT{e}END:VEVENT\r\n" for e in events)
    return (head + body + "END:VCALENDAR\r\n").encode()
