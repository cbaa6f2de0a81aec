"""The web page's library side: the form schema and its note dict and TOML, the pages shown upright,
the fit and warnings by key, the print steps and a CSV's rows (no server, no browser)."""

from __future__ import annotations

import base64
import dataclasses
import io
import math
import tomllib
from pathlib import Path

import pytest

import cardgen
from cardgen.jobs import Job
from cardgen.kit import make_kit
from cardgen.scene import Text, walk
from cardgen.starter import starter_note
from cardgen.web import addresses, forms, views
from cardgen.writer import render_files
from tests.conftest import PANEL_CSV

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def test_the_defaults_are_what_cardgen_init_writes() -> None:
    assert forms.form_to_note(forms.defaults()) == tomllib.loads(starter_note("interview-thank-you"))
    assert forms.schema()["templates"][0]["name"] == "interview-thank-you"


def test_a_template_field_is_labelled_for_a_form_not_for_a_toml_file() -> None:
    fields = {f["name"]: f for f in forms.schema()["templates"][0]["fields"]}
    assert fields["decision_by"]["label"] == "The day they plan to decide"
    assert fields["decision_by"]["kind"] == "date"
    assert "quotes" not in fields["decision_by"]["help"]
    assert fields["role"]["required"] and fields["role"]["example"] == "Data Analyst"


def _form(**changes: dict[str, object]) -> dict[str, object]:
    form = forms.defaults()
    for section, values in changes.items():
        form[section] = {**form.get(section, {}), **values}
    return form


def test_form_values_are_typed_as_the_note_file_holds_them() -> None:
    form = _form(
        card={"format": "custom", "size": "5in, 7in", "fold": "side", "ruled": True, "ink": ""},
        handwriting={"width": "1.1", "slant": "0"},
        print={"per_sheet": "2"},
    )
    data = forms.form_to_note(form)
    assert data["card"]["size"] == ["5in", "7in"]
    assert data["card"]["ruled"] is True
    assert "ink" not in data["card"]  # blank: left to cardgen
    assert data["handwriting"]["width"] == 1.1 and data["handwriting"]["slant"] == 0
    assert data["message"]["decision_by"].isoformat() == "2026-12-05"


@pytest.mark.parametrize(
    ("section", "values", "key", "words"),
    [
        ("handwriting", {"width": "wide"}, "handwriting.width", "not a number"),
        ("message", {"decision_by": "next friday"}, "message.decision_by", "YYYY-MM-DD"),
        ("card", {"size": "5in"}, "card.size", "width and the height"),
    ],
)
def test_a_bad_form_value_names_its_field(section: str, values: dict[str, str], key: str, words: str) -> None:
    with pytest.raises(cardgen.InputError) as caught:
        forms.form_to_note(_form(**{section: values}))
    assert caught.value.key == key and words in caught.value.problem


def test_free_text_keeps_only_the_text_and_a_template_ignores_it() -> None:
    free = forms.form_to_note({**_form(message={"text": "Thank you!\r\nA."}), "template": ""})
    assert "template" not in free and free["message"] == {"text": "Thank you!\nA."}
    templated = forms.form_to_note(_form(message={"text": "ignored"}))
    assert "text" not in templated["message"]


def test_the_note_as_toml_loads_back_to_the_same_note(tmp_path: Path) -> None:
    form = _form(
        recipient={"street": "1-2-3 Ginza\nChuo-ku", "name": 'Kei "K" Tanaka'},
        card={"format": "custom", "size": "4in, 5in", "fold": "top", "ruled": True},
        handwriting={"width": "1.2", "x_height": "3.5mm"},
        envelope={"format": "a7"},
    )
    data = forms.form_to_note(form)
    path = tmp_path / "note.toml"
    path.write_text(forms.note_toml(data), encoding="utf-8")
    assert cardgen.load_note(path) == cardgen.note_from_dict(data, path=path)
    assert forms.read_note_text(path.read_text()) == forms.note_to_form(tomllib.loads(path.read_text()))


def test_a_toml_syntax_error_names_its_line() -> None:
    with pytest.raises(cardgen.InputError) as caught:
        forms.read_note_text('[card]\nformat = "a2\n', "mine.toml")
    assert caught.value.line == 2 and caught.value.file == "mine.toml"


def test_the_address_form_follows_the_country() -> None:
    japan = {f["name"]: f for f in addresses.address_fields("JP")}
    assert japan["region"]["label"] == "Prefecture" and japan["region"]["required"]
    assert not japan["city"]["used"]
    britain = {f["name"]: f for f in addresses.address_fields("gb")}
    assert britain["city"]["label"] == "Post town" and not britain["region"]["used"]
    assert britain["postal_code"]["example"] == "EC1Y 8SY"
    us = {f["name"]: f for f in addresses.address_fields("US")}
    assert us["region"]["label"] == "State" and us["postal_code"]["label"] == "ZIP code"
    with pytest.raises(cardgen.InputError):
        addresses.address_fields("XQ")


def _printed(path: Path, **print_spec: str) -> cardgen.Note:
    note = cardgen.load_note(path)
    note = dataclasses.replace(note, card=dataclasses.replace(note.card, message="print"))
    return (
        dataclasses.replace(note, print=dataclasses.replace(note.print, **print_spec)) if print_spec else note
    )


CASES = [
    (SAMPLES / "interview-thank-you.toml", {}),
    (SAMPLES / "interview-thank-you.toml", {"duplex": "short"}),
    (SAMPLES / "interview-thank-you.toml", {"target": "shop"}),
    (SAMPLES / "topfold-border.toml", {}),
    (SAMPLES / "topfold-border.toml", {"duplex": "short"}),
    (SAMPLES / "flat-monogram.toml", {}),
    (SAMPLES / "iso-a6-manual-duplex.toml", {}),
    (SAMPLES / "quarterfold.toml", {}),
    (SAMPLES / "arabic-thank-you.toml", {}),  # right to left: read from the inside-right panel
]


@pytest.mark.parametrize(("path", "spec"), CASES, ids=[f"{p.stem}-{s}" for p, s in CASES])
def test_every_card_page_is_turned_so_the_message_reads_upright(path: Path, spec: dict[str, str]) -> None:
    note = _printed(path, **spec)
    kit = make_kit(note)
    files, _ = render_files(Job.of(kit))
    shown = views.page_views(note, kit.card, [n for n in files if n.startswith("card")])
    pages = sum(len(cardgen.preview(files[n], dpi=10)) for n in files if n.startswith("card"))
    assert len(shown) == pages * (2 if note.card.format.fold == "quarter" else 1)
    message_pages = 0
    for view in shown:
        if note.card.format.fold == "quarter" and view.label == "Card: outside":
            continue  # its one side holds the front upright and the inside panels upside down
        index = _document_index(view, note, len(kit.card.pages))
        runs = [(item, t) for item, t, _ in walk(kit.card.pages[index].items) if isinstance(item, Text)]
        message = [(item, t) for item, t in runs if item.role == "message"]
        message_pages += bool(message)
        for _, (a, b, _c, _d, _e, _f) in message:
            turn = math.radians(view.turn)  # counter-clockwise on the screen, whose y points down
            right = (a * math.cos(turn) + b * math.sin(turn), -a * math.sin(turn) + b * math.cos(turn))
            assert right[0] > 0.99 and abs(right[1]) < 0.01, (view, (a, b))
    assert message_pages >= 1


def _document_index(view: views.PageView, note: cardgen.Note, pages: int) -> int:
    if view.file == "card-fronts.pdf":
        return 2 * (view.page - 1)
    if view.file == "card-backs.pdf":
        return 2 * (view.page - 1) + 1
    return view.page - 1


def test_the_a2_card_inside_is_shown_turned_180_and_its_outside_as_printed() -> None:
    note = cardgen.load_note(SAMPLES / "interview-thank-you.toml")
    kit = make_kit(note)
    views_shown = views.page_views(note, kit.card, ["card.pdf"])
    blank = "Card: inside, left blank for your pen (the guide shows the words)"
    assert [(v.label, v.turn) for v in views_shown] == [("Card: outside", 0), (blank, 180)]


def test_the_preview_shows_every_page_with_the_build_s_bytes_and_the_fit() -> None:
    note = cardgen.load_note(SAMPLES / "interview-thank-you.toml")
    shown = views.preview_kit(note)
    files, manifest = cardgen.render_kit(note)
    assert {n: shown["files"][n] for n in files if n.endswith(".pdf")} == {
        n: files[n] for n in files if n.endswith(".pdf")
    }
    labels = [p["label"].split(",")[0] for p in shown["pages"]]
    assert labels == ["Card: outside", "Card: inside", "Envelope", "Guide: page 1", "Guide: page 2"]
    assert shown["fit"] == manifest["recipients"][0]["fit"]
    assert shown["fit"] == cardgen.check(note).recipients[0]["fit"]
    assert [p["panel"] for p in shown["fit"]["per_panel"]] == ["inside-left", "inside-right"]


def test_warnings_keep_the_key_of_their_field_and_no_server_folder(tmp_path: Path) -> None:
    data = forms.form_to_note(_form(recipient={"postal_code": "9410"}))
    note = cardgen.note_from_dict(data, path=tmp_path / "note.toml")
    shown = views.preview_kit(note, hide=f"{tmp_path}/")
    keys = [w["key"] for w in shown["warnings"]]
    assert "recipient.postal_code" in keys
    assert all(str(tmp_path) not in w["message"] for w in shown["warnings"])


def test_the_print_steps_say_the_flip_the_scale_and_the_profile() -> None:
    note = cardgen.load_note(SAMPLES / "interview-thank-you.toml")
    steps = " ".join(views.print_steps(note))
    assert "flip on long edge" in steps and "Actual size" in steps and "2in" in steps
    assert "Printer profile: none" in steps
    manual = cardgen.load_note(SAMPLES / "iso-a6-manual-duplex.toml")
    assert "card-backs.pdf" in " ".join(views.print_steps(manual))
    shop = dataclasses.replace(note, print=dataclasses.replace(note.print, target="shop"))
    assert "print shop" in views.print_steps(shop)[0]


def test_a_csv_s_rows_are_built_warned_or_skipped_and_one_row_is_previewed(tmp_path: Path) -> None:
    csv = tmp_path / "panel.csv"
    csv.write_text(PANEL_CSV, encoding="utf-8")
    note = cardgen.load_note(SAMPLES / "interview-thank-you.toml")
    rows = views.recipient_rows(cardgen.check(note, recipients=csv).as_dict())
    assert [(r["line"], r["name"], r["status"]) for r in rows] == [
        (2, "Sam Lee", "built"),
        (3, "Ana Ruiz", "warning"),
        (4, "", "skipped"),
    ]
    assert "postal" in rows[1]["detail"].lower() and "XX" in rows[2]["detail"]
    assert views.csv_note(note, csv, 3).recipient.name == "Ana Ruiz"
    with pytest.raises(cardgen.InputError):
        make_kit(views.csv_note(note, csv, 4))
    with pytest.raises(cardgen.InputError, match="no row at line 9"):
        views.csv_note(note, csv, 9)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("recipient.postal_code: not valid for US (e.g. 95014)", "recipient.postal_code"),
        ("note.toml:12: card.format: unknown value", "card.format"),
        ("fit: the message needs 30 lines", "fit"),
        ("skipped panel.csv:3: something", ""),
    ],
)
def test_a_plain_text_warning_is_placed_by_the_key_it_starts_with(text: str, key: str) -> None:
    assert views.warning_key(text) == key
    assert views.warning_key(cardgen.Finding("bare problem", "card.image")) == "card.image"


def test_the_country_picker_names_countries_as_people_write_them() -> None:
    named = dict(addresses.countries())
    assert named["US"] == "United States" and named["JP"] == "Japan" and named["DE"] == "Germany"
    assert len(named) > 200


def test_a_page_turned_a_quarter_counter_clockwise_puts_its_top_left_at_the_bottom_left() -> None:
    from PIL import Image, ImageStat

    files, _ = cardgen.render_kit(cardgen.load_note(SAMPLES / "interview-thank-you.toml"), only=("envelope",))
    (upright, turned) = views.pictures(
        files,
        [views.PageView("envelope.pdf", 1, "Envelope", 0), views.PageView("envelope.pdf", 1, "Envelope", 90)],
    )
    flat = Image.open(io.BytesIO(base64.b64decode(upright["png"]))).convert("L")
    quarter = Image.open(io.BytesIO(base64.b64decode(turned["png"]))).convert("L")
    assert quarter.size == (flat.height, flat.width)

    def ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
        w, h = image.size
        return 255 - ImageStat.Stat(image.crop((box[0] * w, box[1] * h, box[2] * w, box[3] * h))).mean[0]

    assert ink(flat, (0, 0, 0.3, 0.2)) > 3 * ink(flat, (0, 0.8, 0.3, 1))  # the return address, top left
    assert ink(quarter, (0, 0.7, 0.2, 1)) > 3 * ink(quarter, (0, 0, 0.2, 0.3))  # now at the bottom left


def test_a_choice_left_unset_shows_what_cardgen_uses_then() -> None:
    """The page shows an unset choice's first option: it must be the library's default."""
    form = forms.defaults()
    note = cardgen.note_from_dict(forms.form_to_note(form))
    checked = 0
    for section, fields in forms.schema().items():
        if section == "templates":
            continue
        for spec in fields:
            part, name = spec["key"].split(".", 1)
            if spec["kind"] != "choice" or (form.get(part) or {}).get(name) not in (None, ""):
                continue
            first = spec["choices"][0][0]
            used = getattr(getattr(note, part, None), name, None)
            if first and isinstance(used, str):
                assert used == first, spec["key"]
                checked += 1
    assert checked >= 4  # the envelope's lettering, address format, return address, feed at least
