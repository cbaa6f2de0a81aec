"""A run's side files: message.txt (a draft per recipient, each with its To: and Subject:) and
followup.ics (valid RFC 5545: one reminder a day naming everyone to follow up with)."""

import datetime as dt
import re
from pathlib import Path

from tests.conftest import SAMPLE, run
from tests.test_recipients import HEADER, PANEL, write_csv

EMAILS = ["dana.rivera@northwind.example", "sam.okafor@northwind.example", ""]


def build_panel(tmp_path: Path, rows: list[list[str]], header: list[str]) -> Path:
    tmp_path.mkdir(exist_ok=True)
    out = tmp_path / "out"
    result = run(
        "build",
        str(SAMPLE),
        "--recipients",
        str(write_csv(tmp_path / "p.csv", rows, header=header)),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    return out


def unfolded(ics: bytes) -> list[str]:
    """The content lines of an iCalendar file, folded lines joined again (RFC 5545 3.1)."""
    text = ics.decode()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_each_draft_names_its_recipient_under_a_numbered_separator(tmp_path: Path) -> None:
    rows = [[*row, email] for row, email in zip(PANEL, EMAILS, strict=True)]
    out = build_panel(tmp_path, rows, [*HEADER, "email"])
    text = (out / "message.txt").read_text()
    drafts = re.split(r"^===== Draft \d of 3 =====\n", text, flags=re.MULTILINE)
    assert drafts[0] == "" and len(drafts) == 4, "a separator before each of the three drafts"
    assert [re.findall(r"^===== (Draft \d of 3) =====$", text, re.MULTILINE)] == [
        ["Draft 1 of 3", "Draft 2 of 3", "Draft 3 of 3"]
    ]
    heads = [draft.split("\n\n", 1)[0] for draft in drafts[1:]]
    assert heads == [
        "To: Dana Rivera <dana.rivera@northwind.example>\nSubject: Thank you: Data Analyst interview",
        "To: Sam Okafor <sam.okafor@northwind.example>\nSubject: Thank you: Data Analyst interview",
        "To: Priya Shah\nSubject: Thank you: Data Analyst interview",
    ]
    bodies = [draft.split("\n\n", 1)[1] for draft in drafts[1:]]
    for body, row in zip(bodies, PANEL, strict=True):  # each draft under its own recipient's header
        assert row[-1] in " ".join(body.split())


def test_a_single_note_s_draft_has_a_to_line_and_no_separator(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "-o", str(out)).exit_code == 0
    text = (out / "message.txt").read_text()
    assert text.startswith(
        "To: Dana Rivera\nSubject: Thank you: Data Analyst interview\n\nDear Ms. Rivera,\n"
    )
    assert "=====" not in text


def test_a_name_with_a_comma_is_quoted_in_the_to_line(tmp_path: Path) -> None:
    rows = [["Rivera, Dana", *PANEL[0][1:], "dana@northwind.example"]]
    text = (build_panel(tmp_path, rows, [*HEADER, "email"]) / "message.txt").read_text()
    assert text.startswith('To: "Rivera, Dana" <dana@northwind.example>\n')


def test_a_panel_of_twenty_gets_one_reminder_naming_everyone_in_csv_order(tmp_path: Path) -> None:
    rows = [[f"Person {i:02d}", "", "Northwind Labs", *PANEL[0][3:8], "the pipeline"] for i in range(1, 21)]
    lines = unfolded((build_panel(tmp_path, rows, HEADER) / "followup.ics").read_bytes())
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("BEGIN:VALARM") == 1
    assert "DTSTART;VALUE=DATE:20271203" in lines and "DTEND;VALUE=DATE:20271204" in lines
    assert "TRIGGER;RELATED=START:PT9H" in lines
    assert "SUMMARY:Follow up with Person 01\\, Person 02 and 18 others about the Data Analyst role" in lines
    (description,) = [line for line in lines if line.startswith("DESCRIPTION:Your notes")]
    listed = description.split("\\n")[1:]
    assert listed == [f"{i}. Person {i:02d} (Northwind Labs)" for i in range(1, 21)]


def test_different_days_get_one_event_each_in_date_order_with_unique_uids(tmp_path: Path) -> None:
    days = ["2027-12-10", "2027-12-03", "2027-12-10"]
    rows = [[*row, email, day] for row, email, day in zip(PANEL, EMAILS, days, strict=True)]
    ics = (build_panel(tmp_path, rows, [*HEADER, "email", "decision_by"]) / "followup.ics").read_bytes()
    lines = unfolded(ics)
    assert [line for line in lines if line.startswith("DTSTART")] == [
        "DTSTART;VALUE=DATE:20271203",
        "DTSTART;VALUE=DATE:20271210",
    ]
    assert "SUMMARY:Follow up with Sam Okafor about the Data Analyst role" in lines
    assert "SUMMARY:Follow up with Dana Rivera and Priya Shah about the Data Analyst role" in lines
    assert (
        "DESCRIPTION:Your notes said you would follow up today with:\\n"
        "1. Dana Rivera (Northwind Labs) <dana.rivera@northwind.example>\\n2. Priya Shah (Northwind Labs)"
    ) in lines
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == 2 and len(set(uids)) == 2
    stamps = [line for line in lines if line.startswith("DTSTAMP:")]
    assert stamps == ["DTSTAMP:20271203T000000Z", "DTSTAMP:20271210T000000Z"], "not the clock"
    again = (
        build_panel(tmp_path / "again", rows, [*HEADER, "email", "decision_by"]) / "followup.ics"
    ).read_bytes()
    assert again == ics


def test_the_sample_s_calendar_is_folded_at_75_octets(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLE), "-o", str(out)).exit_code == 0
    ics = (out / "followup.ics").read_bytes()
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    assert (
        "DESCRIPTION:Your note to Dana Rivera at Northwind Labs said you would follow up today."
        in unfolded(ics)
    )


def test_folding_never_splits_a_utf8_character() -> None:
    from cardgen.followup import FollowUp, merge_calendars

    people = [
        FollowUp(dt.date(2027, 1, 4), f"Zoë Ångström-Łukasiewicz {n}", "Société Générale") for n in range(5)
    ]
    ics = merge_calendars(people)
    physical = ics.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode()  # each physical line is whole UTF-8 on its own
    assert any(line.startswith(b" ") for line in physical), "long lines were folded"
    description = next(line for line in unfolded(ics) if line.startswith("DESCRIPTION:"))
    assert "5. Zoë Ångström-Łukasiewicz 4 (Société Générale)" in description
