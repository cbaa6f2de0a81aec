"""Wording templates: every built-in renders a careful note; missing fields name themselves."""

import datetime as dt
from pathlib import Path

import pytest

from cardgen import catalog
from cardgen.errors import InputError
from cardgen.wording import longdate, render_message
from tests.conftest import note_with

REQUIRED = {
    "interview-thank-you",
    "panel-interview-thank-you",
    "informational-interview",
    "networking-thank-you",
    "reference-thank-you",
    "general-thank-you",
}


def test_the_issue_s_templates_are_built_in() -> None:
    assert set(catalog.templates()) == REQUIRED


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_each_template_renders_a_short_note_with_its_examples(tmp_path: Path, name: str) -> None:
    template = catalog.templates()[name]
    fields = {f"message.{f.name}": f.example for f in template.fields}
    drop = {
        "message.role": None,
        "message.enjoyed": None,
        "message.forgot": None,
        "message.decision_by": None,
        "message.greeting": None,
    }
    note = note_with(tmp_path, {**drop, "template": name, **fields})
    text = render_message(note)
    assert text.startswith("Dear Dana,")  # derived from recipient.name
    assert text.endswith("Warm regards,\nAlex")
    assert "{" not in text and "  " not in text
    assert 25 <= len(text.split()) <= 120, "short enough for a card"
    for f in template.fields:
        assert str(f.example if not isinstance(f.example, dt.date) else longdate(f.example)) in text


def test_interview_note_restates_interest_adds_what_was_forgotten_and_asks(sample_note) -> None:  # type: ignore[no-untyped-def]
    text = render_message(sample_note)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Dear Ms. Rivera,"
    assert "Data Analyst role at Northwind Labs" in paragraphs[1]
    assert "One thing I forgot to mention when we met: I led our migration to dbt" in text
    assert "I would love to join you as your next Data Analyst." in text
    assert "I will follow up on Friday, December 3" in text


def test_without_forgot_the_paragraph_is_left_out(tmp_path: Path) -> None:
    text = render_message(note_with(tmp_path, {"message.forgot": None, "message.decision_by": None}))
    assert "forgot" not in text
    assert "follow up" not in text
    assert "\n\n\n" not in text


def test_missing_field_names_the_template_line_and_fix(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"message.role": None})
    with pytest.raises(InputError) as error:
        render_message(note)
    assert error.value.key == "message.role"
    assert str(error.value) == (
        "message.role: missing: the template 'interview-thank-you' line 3 needs it; "
        'add role = "…" under [message] in note.toml'
    )


def test_literal_text_is_used_verbatim_but_tidied(tmp_path: Path) -> None:
    note = note_with(tmp_path, {"template": None, "message.text": "Dear Sam,  \n\n\n\nThanks!\nJo\n"})
    assert render_message(note) == "Dear Sam,\n\nThanks!\nJo"


def test_user_template_is_a_path_relative_to_the_note(tmp_path: Path) -> None:
    (tmp_path / "mine.j2").write_text("Hi {{ recipient.name }}, thanks for {{ reason }}.\n{{ signature }}")
    note = note_with(tmp_path, {"template": "mine.j2", "message.reason": "lunch"})
    assert render_message(note) == "Hi Dana Rivera, thanks for lunch.\nAlex"


def test_user_template_cannot_reach_outside_its_sandbox(tmp_path: Path) -> None:
    (tmp_path / "evil.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    note = note_with(tmp_path, {"template": "evil.j2"})
    with pytest.raises(InputError, match=r"template: 'evil\.j2'"):
        render_message(note)


def test_unknown_template_suggests(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"did you mean 'interview-thank-you'\?"):
        render_message(note_with(tmp_path, {"template": "interview-thankyou"}))
