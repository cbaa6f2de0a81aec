"""The `cardgen` command: parse arguments, call the library, print. No layout logic here."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from cardgen.errors import CardgenError, InputError, OutputError


class _Cardgen(click.Group):
    """Turns cardgen's errors into one line on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CardgenError as error:
            click.echo(f"cardgen: {error}", err=True)
            sys.exit(error.exit_status)
        except KeyboardInterrupt:
            click.echo("cardgen: interrupted; nothing was written", err=True)
            sys.exit(130)


@click.group(cls=_Cardgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cardgen")
def main() -> None:
    """Print-ready PDFs for handwritten notes: the card, the envelope and a handwriting guide."""


def _load(note_file: str) -> Any:
    from cardgen.model import load_note

    return load_note(Path(note_file))


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


def _fit_line(fit: dict[str, Any]) -> str:
    where = " + ".join(f"{p['panel']} {p['lines']}/{p['available']}" for p in fit["per_panel"])
    verdict = "fits" if fit["fits"] else "does NOT fit"
    return (
        f"{verdict}: {fit['lines_needed']} lines needed, {fit['lines_available']} available on {where} "
        f"(x-height {fit['x_height_mm']} mm, lines {fit['line_spacing_mm']} mm apart)"
    )


def _has_problems(report: dict[str, Any]) -> bool:
    recipients = report["recipients"]
    return bool(report["skipped"]) or any(not r["fit"]["fits"] or r["warnings"] for r in recipients)


def _print_report(report: dict[str, Any], suggestions: bool) -> None:
    _warn(report["warnings"])
    for recipient in report["recipients"]:
        where = f" (line {recipient['csv_line']})" if "csv_line" in recipient else ""
        click.echo(f"{recipient['name']}{where}: {_fit_line(recipient['fit'])}")
        if "photo_ppi" in recipient:
            click.echo(f"  photo: {recipient['photo_ppi']} ppi at the printed size")
        if suggestions:
            for suggestion in recipient["fit"]["suggestions"]:
                click.echo(f"  - {suggestion}")
        prefix = f"{recipient['name']}: " if len(report["recipients"]) > 1 else ""
        _warn([prefix + w for w in recipient["warnings"]])
    _warn([f"skipped {problem}" for problem in report["skipped"]])


RECIPIENTS = click.option(
    "--recipients",
    type=click.Path(dir_okay=False),
    help="A CSV with one recipient per row (columns: [recipient] fields; others override [message]).",
)
STRICT = click.option(
    "--strict", is_flag=True, help="Stop on a bad CSV row; exit 1 on an overflow or any warning."
)
FORCE = click.option(
    "--force", is_flag=True, help="Write into a folder that holds files cardgen did not make."
)


def _job(
    note_file: str | Path,
    recipients: str | None,
    strict: bool,
    envelope: dict[str, Any] | None = None,
    printer: str | None = None,
) -> Any:
    from dataclasses import replace

    from cardgen.build import make_job
    from cardgen.profiles import load_printer

    note = _load(str(note_file))
    changes = {k: v for k, v in (envelope or {}).items() if v is not None}
    if changes:
        note = replace(note, envelope=replace(note.envelope, **changes))
    if printer:
        try:
            profile = load_printer(printer)
        except InputError as error:
            raise InputError(f"--printer: {error}") from None
        note = replace(note, print=replace(note.print, printer=profile))
    return make_job(note, Path(recipients) if recipients else None, strict=strict)


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@RECIPIENTS
@click.option(
    "--json", "as_json", is_flag=True, help="Print the report (the manifest without files) as JSON."
)
@STRICT
def check(note_file: str, recipients: str | None, as_json: bool, strict: bool) -> None:
    """Validate NOTE_FILE and report how the message fits and any postal problems; writes nothing."""
    from cardgen.build import check_job

    job = _job(note_file, recipients, strict)
    with _progress(job.total, "checking") as tick:
        report = check_job(job, tick)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_report(report, suggestions=True)
        if not _has_problems(report):
            click.echo("no problems found")
    if strict and _has_problems(report):
        sys.exit(1)


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder to write into.")
@RECIPIENTS
@STRICT
@click.option(
    "--feed",
    type=click.Choice(["none", "left", "center", "right"]),
    help="Print the envelope on a Letter/A4 carrier sheet fed at this side ([envelope] feed).",
)
@click.option(
    "--feed-rotate",
    type=click.Choice(["0", "90", "180", "270"]),
    help="Turn the envelope on the carrier sheet ([envelope] feed_rotate).",
)
@click.option(
    "--face", type=click.Choice(["up", "down"]), help="How envelopes go in the tray ([envelope] face)."
)
@click.option(
    "--split", is_flag=True, help="One folder per recipient (001-dana-rivera/) instead of collated files."
)
@click.option("--only", metavar="KINDS", help="Write only these PDFs: a comma list of card, envelope, guide.")
@click.option(
    "--printer",
    metavar="NAME",
    help="Apply a saved printer profile's offsets ([print] printer; see calibrate).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "svg"]),
    default="pdf",
    show_default=True,
    help="svg: pen-plotter files (guide pages, the message per panel) with text as single strokes.",
)
@FORCE
def build(
    note_file: str,
    out_dir: str,
    recipients: str | None,
    strict: bool,
    feed: str | None,
    feed_rotate: str | None,
    face: str | None,
    split: bool,
    only: str | None,
    printer: str | None,
    fmt: str,
    force: bool,
) -> None:
    """Write card.pdf (or card-fronts.pdf and card-backs.pdf for manual duplex), envelope.pdf,
    guide.pdf, manifest.json, message.txt (and followup.ics; with --recipients also checklist.pdf)."""
    kinds = _kinds(only)
    envelope = {"feed": feed, "feed_rotate": int(feed_rotate) if feed_rotate else None, "face": face}
    job = _job(note_file, recipients, strict, envelope, printer)
    report = _build_and_report(job, Path(out_dir), force, kinds, split, fmt == "svg")
    if strict and _has_problems(report):
        sys.exit(1)


def _kinds(only: str | None) -> tuple[str, ...]:
    from cardgen.build import KINDS

    if not only:
        return KINDS
    kinds = tuple(k.strip() for k in only.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InputError(
            f"--only: unknown '{','.join(unknown) or only}'; give a comma list of card, envelope, guide"
        )
    return tuple(k for k in KINDS if k in kinds)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for runs of many recipients, when stderr is a terminal."""
    if total < 5 or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def _build_and_report(
    job: Any,
    out: Path,
    force: bool,
    kinds: tuple[str, ...] | None = None,
    split: bool = False,
    svg: bool = False,
) -> dict[str, Any]:
    from cardgen.build import KINDS
    from cardgen.build import build as build_job

    with _progress(job.total, "building") as tick:
        names, manifest = build_job(
            job, out, force=force, only=kinds or KINDS, split=split, progress=tick, svg=svg
        )
    _print_report(manifest, suggestions=False)
    count = manifest["count"]
    warned = sum(bool(r["warnings"]) or not r["fit"]["fits"] for r in manifest["recipients"])
    summary = f"{count} recipient{'s' * (count != 1)}"
    if warned or manifest["skipped"]:
        summary += f", {warned} with warnings, {len(manifest['skipped'])} rows skipped"
    click.echo(f"wrote {', '.join(names)} in {out}/ ({summary})")
    return manifest


@main.command()
@click.option("-o", "--output", "out_dir", default="cardgen-demo", show_default=True, type=click.Path())
@FORCE
def demo(out_dir: str, force: bool) -> None:
    """Build the bundled sample (a thank-you note after a job interview) end to end."""
    from cardgen.resources import samples_dir

    sample = samples_dir() / "interview-thank-you.toml"
    click.echo(f"building the sample note {sample.name}")
    _build_and_report(_job(sample, None, False), Path(out_dir), force)
    click.echo(f"open {Path(out_dir) / 'card.pdf'} and print it at 100 % on both sides (long edge).")


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(), help="Folder for the PNGs.")
@RECIPIENTS
@click.option("--dpi", default=100, show_default=True, type=click.IntRange(20, 600))
@FORCE
def preview(note_file: str, out_dir: str, recipients: str | None, dpi: int, force: bool) -> None:
    """Render every page of the kit to PNG (card-1.png, envelope-1.png, guide-1.png, …; for manual
    duplex card-fronts-1.png and card-backs-1.png)."""
    from cardgen.build import render_files
    from cardgen.files import write_files
    from cardgen.render.png import is_preview_output, pdf_pages_to_png

    job = _job(note_file, recipients, False)
    with _progress(job.total, "rendering") as tick:
        files, _ = render_files(job, tick)
    images = {}
    for name in (n for n in files if n.endswith(".pdf") and n != "checklist.pdf"):
        for number, png in enumerate(pdf_pages_to_png(files[name], dpi), start=1):
            images[f"{name.removesuffix('.pdf')}-{number}.png"] = png
    write_files(images, Path(out_dir), force=force, ours=is_preview_output)
    click.echo(f"wrote {len(images)} PNG files in {out_dir}/")


@main.command()
@click.argument("note_file", type=click.Path(dir_okay=False))
@click.option(
    "-t",
    "--template",
    "template_name",
    default="interview-thank-you",
    show_default=True,
    help="Wording template (cardgen list templates).",
)
@click.option("-i", "--interactive", is_flag=True, help="Ask the questions and fill the note in.")
@click.option("--force", is_flag=True, help="Overwrite NOTE_FILE if it exists.")
def init(note_file: str, template_name: str, interactive: bool, force: bool) -> None:
    """Write a commented starter note file."""
    from cardgen import catalog
    from cardgen.errors import did_you_mean
    from cardgen.files import write_files
    from cardgen.starter import interview, starter_note

    if template_name not in catalog.templates():
        hint = did_you_mean(template_name, catalog.templates()) or "; see cardgen list templates"
        raise InputError(f"--template: unknown template '{template_name}'{hint}")
    path = Path(note_file)
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")
    answers = interview(template_name, _ask) if interactive else None
    text = starter_note(template_name, answers).encode()
    write_files({path.name: text}, path.parent, force=True, ours=lambda name: name == path.name)
    click.echo(f"wrote {path}; edit it, then run: cardgen check {path}")


def _ask(question: str, default: Any) -> Any:
    if isinstance(default, dt.date) or question.lower().startswith("the day"):
        answer = click.prompt(f"{question} (YYYY-MM-DD, blank to skip)", default="", show_default=False)
        while answer:
            try:
                return dt.date.fromisoformat(answer)
            except ValueError:
                answer = click.prompt("Please write the date as YYYY-MM-DD", default="", show_default=False)
        return ""
    return click.prompt(question, default=default, show_default=bool(default))


@main.group()
def calibrate() -> None:
    """Calibration sheets: your printer (envelope feed, front/back offsets) and your handwriting."""


@calibrate.command("envelope")
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@FORCE
def calibrate_envelope(out_file: str, paper: str, force: bool) -> None:
    """A plain-paper test page that shows which edge your printer takes first and which side it prints."""
    from cardgen import catalog
    from cardgen.layout.calibrate import envelope_feed_test

    _write_one(Path(out_file), envelope_feed_test(catalog.papers()[paper]), force)
    click.echo(f"wrote {out_file}: print it on plain paper and follow the steps on it")


@calibrate.command("printer")
@click.option(
    "-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write the test sheet here."
)
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--duplex", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--landscape", is_flag=True, help="Landscape pages, as most folded and 2-up card sheets print.")
@click.option("--save", metavar="NAME", help="Save the measured offsets as printer profile NAME.")
@click.option("--front-dx", type=float, default=0.0, help="mm: front, left-edge measure minus 25.")
@click.option("--front-dy", type=float, default=0.0, help="mm: front, top-edge measure minus 25.")
@click.option("--back-dx", type=float, default=0.0, help="mm: back, left-edge measure minus 25.")
@click.option("--back-dy", type=float, default=0.0, help="mm: back, top-edge measure minus 25.")
@FORCE
def calibrate_printer(
    out_file: str | None,
    paper: str,
    duplex: str,
    landscape: bool,
    save: str | None,
    front_dx: float,
    front_dy: float,
    back_dx: float,
    back_dy: float,
    force: bool,
) -> None:
    """Print a two-sided test sheet (-o), or save the offsets you measured on it (--save NAME)."""
    from cardgen import catalog
    from cardgen.layout.calibrate import printer_test
    from cardgen.profiles import PrinterProfile, save_printer
    from cardgen.units import MM

    if not out_file and not save:
        raise InputError(
            "calibrate printer: give -o sheet.pdf to print the test sheet, or --save NAME with offsets"
        )
    if out_file:
        _write_one(Path(out_file), printer_test(catalog.papers()[paper], duplex, landscape), force)
        click.echo(f"wrote {out_file}: print it on both sides ({duplex} edge) and follow the steps on it")
    if save:
        offsets = (front_dx * MM, front_dy * MM, back_dx * MM, back_dy * MM)
        orientation = "landscape" if landscape else "portrait"
        path = save_printer(PrinterProfile(save, *offsets, orientation=orientation, duplex=duplex))
        click.echo(
            f"saved printer '{save}' in {path} (front {front_dx:+g}, {front_dy:+g} mm; back {back_dx:+g}, "
            f"{back_dy:+g} mm; {orientation} pages, {duplex} edge); use it with build --printer {save}"
        )


def _write_one(path: Path, document: Any, force: bool) -> None:
    from cardgen.files import write_files
    from cardgen.render.pdf import render_pdf

    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; choose another name or add --force to overwrite it")
    write_files(
        {path.name: render_pdf(document)}, path.parent, force=True, ours=lambda name: name == path.name
    )


@calibrate.command("handwriting")
@click.option("-o", "--output", "out_file", type=click.Path(dir_okay=False), help="Write the sheet here.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--save", metavar="NAME", help="Save your hand as profile NAME ([handwriting] profile).")
@click.option("--x-height", help="What you measured: your lowercase letters' height, e.g. 3mm.")
@click.option("--pangram-length", help="What you measured: the written sentence's length, e.g. 135mm.")
@click.option("--slant", type=float, help="Your writing's slant from the baseline (90: upright).")
@click.option("--scan", type=click.Path(dir_okay=False), help="A scan or photo of the filled sheet.")
@FORCE
def calibrate_handwriting(
    out_file: str | None,
    paper: str,
    save: str | None,
    x_height: str | None,
    pangram_length: str | None,
    slant: float | None,
    scan: str | None,
    force: bool,
) -> None:
    """Print a sheet to write a sentence on (-o), then save your hand from a ruler (--save NAME
    --x-height … --pangram-length …) or from a scan or photo of the sheet (--save NAME --scan FILE)."""
    from cardgen import catalog
    from cardgen.layout.handcal import calibration_sheet, pangram_ratio
    from cardgen.profiles import HandProfile, save_hand
    from cardgen.units import LengthError, format_mm, parse_length

    if not out_file and not save:
        raise InputError(
            "calibrate handwriting: give -o sheet.pdf to print the sheet, or --save NAME with measures"
        )
    if out_file:
        _write_one(Path(out_file), calibration_sheet(catalog.papers()[paper]), force)
        click.echo(
            f"wrote {out_file}: print it at 100 %, write the sentence in the box, then measure or scan it"
        )
    if not save:
        return
    if scan:
        from cardgen.scan import measure_scan

        measured = measure_scan(Path(scan), paper)
        upright = abs(measured.slant - 90) < 3  # no slant lines for an upright hand
        hand = HandProfile(
            save, measured.x_height, measured.width, slant or (0.0 if upright else measured.slant)
        )
    else:
        if not (x_height and pangram_length):
            raise InputError(
                "--save: give --scan FILE, or both --x-height and --pangram-length as you measured"
            )
        try:
            height, length = parse_length(x_height), parse_length(pangram_length)
        except LengthError as error:
            raise InputError(f"--x-height/--pangram-length: {error}") from None
        if not 1 * 72 / 25.4 <= height <= 20 * 72 / 25.4:
            raise InputError(f"--x-height: {x_height} is out of range; measure a lowercase x: 1mm to 20mm")
        width = length / (pangram_ratio() * height)
        if not 0.5 <= width <= 2.0:
            raise InputError(
                f"--pangram-length: {pangram_length} gives a width factor of {width:.2f}, outside 0.5–2; "
                "measure the whole written sentence, from its first letter to its last"
            )
        hand = HandProfile(save, height, width, slant or 0.0)
    path = save_hand(hand)
    click.echo(
        f"saved hand '{save}' in {path}: x-height {format_mm(hand.x_height)}, width {hand.width:.2f}, "
        f'slant {hand.slant:.1f}°; use it with [handwriting] profile = "{save}"'
    )


@main.command()
@click.argument("pdf_file", type=click.Path(dir_okay=False))
@click.option("--target", type=click.Choice(["shop", "home"]), default="shop", show_default=True)
@click.option("--bleed", default="0.125in", show_default=True, help="The least bleed a shop needs.")
@click.option("--safe", default="0.125in", show_default=True, help="The shop's safe margin inside the trim.")
@click.option(
    "--standard", type=click.Choice(["none", "pdfx-1a", "pdfx-4"]), default="none", show_default=True
)
def preflight(pdf_file: str, target: str, bleed: str, safe: str, standard: str) -> None:
    """Check any PDF against print-shop (page boxes, bleed, fonts, image resolution, safe area) or
    home-printing rules (page size, printer margin, no scaling), and with --standard PDF/X-1a or
    PDF/X-4; exit 1 when something fails."""
    import logging

    from cardgen.preflight_pdfx import preflight_standard
    from cardgen.units import LengthError, parse_length

    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        lengths = {"bleed": parse_length(bleed), "safe": parse_length(safe)}
    except LengthError as error:
        raise InputError(f"--bleed/--safe: {error}") from None
    if min(lengths.values()) < 0:
        raise InputError("--bleed/--safe: give lengths of 0 or more, e.g. 0.125in or 3mm")
    findings = preflight_standard(Path(pdf_file), target, standard, **lengths)
    for finding in findings:
        click.echo(str(finding))
    failed = sum(f.severity == "fail" for f in findings)
    warned = len(findings) - failed
    rules = target if standard == "none" else f"{target} and {standard}"
    click.echo(f"{pdf_file}: {failed} failed, {warned} warnings ({rules} rules)")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("text_file", metavar="FILE|-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False))
@click.option(
    "--ruling",
    default="wide",
    show_default=True,
    help="A line system or hand: lines, school, four-line, seyes, or a preset (cardgen list hands).",
)
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option(
    "--trace", type=click.Choice(["solid", "outline", "dots", "none"]), default="solid", show_default=True
)
@click.option("--rehearse", is_flag=True, help="Each line three times: traced, faint, blank.")
@click.option("--x-height", help="Lowercase height, e.g. 4mm (default: the ruling's).")
@click.option("--line-spacing", help="Between baselines, e.g. 10mm (default: the ruling's).")
@click.option("--nib", help="Broad-pen hands: the nib width, e.g. 3mm.")
@click.option("--slant", type=float, help="Slant lines at this angle from the baseline (degrees).")
@click.option("--font", help="Handwriting font (cardgen list fonts).")
@click.option("--stroke-font", type=click.Choice(["ems-readability", "ems-allure"]), help="For --trace dots.")
@click.option("--start-dots", is_flag=True, help="With --trace dots: a larger dot where each stroke starts.")
@click.option("--profile", help="A measured hand (cardgen calibrate handwriting --save).")
@FORCE
def tracing(
    text_file: str,
    out_file: str,
    ruling: str,
    paper: str,
    trace: str,
    rehearse: bool,
    force: bool,
    **hand: Any,
) -> None:
    """Practice sheets from any text (a file, or - for standard input) traced on a line system."""
    from cardgen import catalog
    from cardgen.coverage import check_coverage, clean_message
    from cardgen.layout.tracing import tracing_document
    from cardgen.model import hand_and_guide

    text = sys.stdin.read() if text_file == "-" else _read_text(Path(text_file))
    name = "standard input" if text_file == "-" else Path(text_file).name
    text, warnings = clean_message(text, name)
    if not text.strip():
        raise InputError(f"{name}: no text to trace; give a file with some words")
    presets = catalog.hand_presets()
    rulings = {"lines": "medium", "school": "wide", "four-line": "large"}
    if ruling not in presets and ruling not in (*rulings, "seyes", "calligraphy"):
        from cardgen.errors import did_you_mean

        hint = did_you_mean(ruling, [*rulings, *presets]) or "; see cardgen list hands"
        raise InputError(f"--ruling: unknown '{ruling}'{hint}")
    values: dict[str, Any] = {k: v for k, v in hand.items() if v is not None and v is not False}
    keys = ("x_height", "line_spacing", "nib", "slant", "font", "profile")
    handwriting: dict[str, Any] = {key: values[key] for key in keys if key in values}
    handwriting["preset"] = rulings.get(ruling, ruling if ruling in presets else "medium")
    if ruling == "four-line":  # room between one line's descenders and the next one's ascenders
        handwriting.setdefault("line_spacing", "13mm")
    guide: dict[str, Any] = {"trace": trace, "start_dots": bool(values.get("start_dots"))}
    if ruling in (*rulings, "seyes", "calligraphy"):
        guide["ruling"] = ruling
    if "stroke_font" in values:
        guide["stroke_font"] = values["stroke_font"]
    hand_spec, guide_spec = hand_and_guide({"handwriting": handwriting, "guide": guide})
    warnings += check_coverage(text, hand_spec.font, name)
    if trace == "dots":
        from cardgen.layout.trace import stroke_fallback_warning

        fallback = stroke_fallback_warning(text, guide_spec.stroke_font, name)
        warnings += [fallback] if fallback else []
    _warn(warnings)
    title = f"Practice: {Path(text_file).stem}" if text_file != "-" else "Handwriting practice"
    document = tracing_document(text, catalog.papers()[paper], hand_spec, guide_spec, rehearse, title)
    _write_one(Path(out_file), document, force)
    click.echo(
        f"wrote {out_file}: {len(document.pages)} page{'s' * (len(document.pages) != 1)}; print at 100 %"
    )


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file; give a text file, or - to read standard input")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8 (plain text)") from None


LIST_KINDS = ("formats", "envelopes", "papers", "fronts", "hands", "templates", "fonts")


@main.command("list")
@click.argument("kind", type=click.Choice(LIST_KINDS))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sizes in pt and mm).")
def list_(kind: str, as_json: bool) -> None:
    """List formats, envelopes, papers, fronts, handwriting presets (hands), templates or fonts."""
    from cardgen.listing import listing

    rows = listing(kind)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(row["name"]) for row in rows) + 2
    for row in rows:
        click.echo(f"{row['name']:<{width}}{row['summary']}")
