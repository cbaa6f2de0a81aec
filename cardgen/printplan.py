"""Plan a print run of a built kit on one CUPS queue: the jobs in order with their options, manual
duplex by hand when the queue has no duplex unit, a test envelope on plain paper until the feed is
confirmed, and the pauses that tell the user what to load or turn. Pure: plan_print only decides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cardgen.errors import InputError
from cardgen.printing import Capabilities, Job, Kit, Pause, Pdf, Plan, Step, media_for, ranges

SIDES = {None: "one-sided", "long": "two-sided-long-edge", "short": "two-sided-short-edge"}
FIRST_EDGE = {0: "top (flap) edge", 90: "left edge", 180: "bottom edge", 270: "right edge"}


@dataclass(frozen=True)
class Request:
    """What the user asked for: the queue, copies, pages of a single PDF, or one recipient of a run;
    `profile`: whether a printer profile named like the queue is saved; `feed`: the envelope feed
    saved for the queue ({"feed", "feed_rotate", "face"}) or None; `as_built`: skip the profile check."""

    queue: str
    capabilities: Capabilities = field(default_factory=Capabilities)
    copies: int = 1
    pages: str | None = None
    recipient: str | None = None
    profile: bool = False
    feed: dict[str, Any] | None = None
    as_built: bool = False


def plan_print(kit: Kit, request: Request) -> Plan:
    """The steps that print the kit as built, or an error saying why it must not be printed so."""
    if request.copies < 1:
        raise InputError(f"{request.copies} copies; give 1 or more", key="copies")
    if request.pages and kit.facts:
        raise InputError("only for a single PDF; for one person of a run, name the recipient", key="pages")
    if "card" in kit.files and not request.as_built:
        _check_profile(kit, request)
    chosen = _recipient(kit, request.recipient) if request.recipient else None
    steps: list[Step] = []
    warnings: list[str] = []
    order = ("file", "card", "guide", "envelope")  # card stock, then plain paper, then envelopes
    for kind, pdfs in sorted(kit.files.items(), key=lambda item: order.index(item[0])):
        pages = _pages(chosen, kind, pdfs, request.pages)
        if pages == []:
            continue
        address = (kit.facts.get("envelope") or {}).get("address", "print")
        if kind == "envelope" and address == "none":
            warnings.append('envelope.pdf is not printed: it has no address ([envelope] address = "none")')
            continue
        if kind == "envelope" and address == "print":
            steps += _envelopes(kit, pdfs[0], request, pages)
            continue
        if (
            kind in ("guide", "envelope")
            and "card" in kit.files
            and not any(isinstance(s, Pause) for s in steps)
        ):  # from card stock to plain paper
            what = "handwriting guide" if kind == "guide" else "envelope addressing guide"
            steps.append(Pause(f"Load plain paper for the {what}, then press Enter."))
        check = int(kit.facts.get("print_check_pages") or 0) if kind == "card" and pages is None else 0
        if check:  # a whole-sheet card's print check goes on plain paper, before the card stock
            steps += _print_check(pdfs[0], request, check)
            pages = list(range(check + 1, pdfs[0].pages + 1))
        if len(pdfs) == 2:  # card-fronts.pdf, card-backs.pdf: built for manual duplex
            backs = _backs_pages(kit, pdfs[1], pages)  # without the check page's blank back
            steps.append(_job(pdfs[0], request, pages))
            steps.append(
                _turn(len(pages or range(pdfs[0].pages)) * request.copies, "long", _face(kit, request))
            )
            steps.append(_job(pdfs[1], request, backs))
        elif pdfs[0].flip and request.capabilities.duplex is False:
            warnings.append(
                f"{request.queue} has no duplex unit: cardgen print sends {pdfs[0].path.name}'s fronts, then "
                'says how to put the sheets back for the backs (or build with [print] duplex = "manual")'
            )
            steps += _by_hand(
                pdfs[0], request, pages, _face(kit, request), kit.facts.get("backs") == "reversed"
            )
        else:
            steps.append(_job(pdfs[0], request, pages, sides=SIDES[pdfs[0].flip]))
    for pdfs in kit.files.values():
        media = media_for(*pdfs[0].size)
        if request.capabilities.lacks(media):
            warnings.append(
                f"{request.queue} lists no {media.label} size ({media.ppd}); CUPS may print "
                f"{pdfs[0].path.name} on other paper: check the printer's media settings"
            )
    if not steps:
        raise InputError(f"{request.recipient} has no pages in the kinds chosen", key="recipient")
    return Plan(tuple(steps), tuple(dict.fromkeys(warnings)))


def _check_profile(kit: Kit, request: Request) -> None:
    """A card is printed on the printer whose offsets it was built with, and with them when saved."""
    built, queue = kit.facts.get("printer"), request.queue
    note, folder = kit.facts.get("note", "NOTE.toml"), kit.source
    if built == queue:
        return
    if request.profile:
        why = f"with the offsets of '{built}'" if built else "without offsets"
        raise InputError(
            f"{folder}: the card was built {why}, but printer profile '{queue}' is saved for this printer; "
            f"rebuild with its offsets: cardgen build {note} -o {folder} --printer {queue} (or --as-built)"
        )
    if built:
        raise InputError(
            f"{folder}: the card was built with the offsets of printer '{built}'; print it with "
            f"--printer {built}, or rebuild it for {queue}: cardgen build {note} -o {folder} (or --as-built)"
        )


def _recipient(kit: Kit, wanted: str) -> dict[str, Any]:
    for entry in kit.recipients:
        if wanted.casefold() == str(entry.get("name", "")).casefold() or wanted == str(entry.get("csv_line")):
            return entry
    names = ", ".join(str(e.get("name")) for e in kit.recipients[:5]) or "none"
    raise InputError(
        f"'{wanted}' is not in {kit.source}/manifest.json (e.g. {names}); give a name or a CSV line",
        key="recipient",
    )


def _pages(
    chosen: dict[str, Any] | None, kind: str, pdfs: tuple[Pdf, ...], pages: str | None
) -> list[int] | None:
    """The page numbers to print from the kind's (first) file: None for all; [] for none."""
    if chosen is None:
        return _expand(pages, pdfs[0].pages) if pages else None
    return list(chosen.get(f"{kind}_pages", []))


def _print_check(pdf: Pdf, request: Request, pages: int) -> list[Step]:
    """The print check on plain paper: its page (one side), then the pause to measure it and load
    the card stock."""
    return [
        Pause("The card starts with a print check: load one sheet of plain paper, then press Enter."),
        _job(pdf, request, [1]),
        Pause(
            "Measure the bar on the print check: it must be as long as labelled (else print at 100 %, "
            "Actual size). Then load the card stock and press Enter."
        ),
    ]


def _expand(pages: str, count: int) -> list[int]:
    numbers: list[int] = []
    for part in pages.split(","):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    if not numbers or min(numbers) < 1 or max(numbers) > count:
        raise InputError(f"'{pages}' is outside the file's pages 1-{count}", key="pages")
    return sorted(set(numbers))


def _backs_pages(kit: Kit, backs: Pdf, pages: list[int] | None) -> list[int] | None:
    """A recipient's sheets in the backs file (numbered last to first when the backs are reversed)."""
    if pages is None or kit.facts.get("backs") != "reversed":
        return pages
    return sorted(backs.pages + 1 - n for n in pages)


def _job(pdf: Pdf, request: Request, pages: list[int] | None, sides: str = "one-sided", **extra: Any) -> Job:
    title = f"cardgen {pdf.path.name}"
    media = media_for(*pdf.size)
    chosen = ranges(pages) if pages is not None else None
    return Job(pdf, title, media, sides, request.copies, chosen, **extra)


def _face(kit: Kit, request: Request) -> str | None:
    """Which side the printer prints, face up or down in the tray: saved with the queue's feed, or the
    note's [envelope] face."""
    if request.feed:
        return str(request.feed["face"])
    envelope = kit.facts.get("envelope") or {}
    return envelope.get("face")


def _turn(sheets: int, flip: str, face: str | None) -> Pause:
    side = {"up": "printed side down", "down": "printed side up"}.get(face or "", "blank side to be printed")
    edge = (
        "turned over on the long edge: the same edge goes into the printer first"
        if flip == "long"
        else "turned over on the short edge: the other short edge goes into the printer first"
    )
    stack = "the printed sheet and put it" if sheets == 1 else f"the {sheets} printed sheets and put them"
    return Pause(
        f"Fronts sent. Take {stack} back in the tray, {side}, {edge}, the sheet printed first taken "
        "first again. Then press Enter to print the backs."
    )


def _by_hand(
    pdf: Pdf, request: Request, pages: list[int] | None, face: str | None, reverse: bool
) -> list[Step]:
    """A duplex PDF on a queue without a duplex unit: the odd pages, a turn, the even pages."""
    chosen = pages if pages is not None else list(range(1, pdf.pages + 1))
    fronts = [n for n in chosen if n % 2]
    backs = [n for n in chosen if not n % 2]
    flip = pdf.flip or "long"
    return [
        _job(pdf, request, fronts),
        _turn(len(fronts) * request.copies, flip, face),
        _job(pdf, request, backs, reverse=reverse),
    ]


def _envelopes(kit: Kit, pdf: Pdf, request: Request, pages: list[int] | None) -> list[Step]:
    """Envelopes: a test on plain paper unless this feed is saved for the queue, then the fronts
    (and the flap sides, when the envelope has a back page)."""
    facts = kit.facts.get("envelope") or {}
    feed = {key: facts.get(key) for key in ("feed", "feed_rotate", "face")}
    chosen = pages if pages is not None else list(range(1, pdf.pages + 1))
    has_back = _two_sided(kit)
    fronts = [n for n in chosen if n % 2] if has_back else chosen
    how = _loading(feed)
    steps: list[Step] = []
    if request.feed != feed:
        steps += [
            Pause(
                f"Test envelope: put ONE sheet of plain paper where the envelopes go, as an envelope: {how}. "
                "Then press Enter."
            ),
            Job(pdf, f"cardgen {pdf.path.name} (test)", media_for(*pdf.size), page_ranges=str(fronts[0])),
            Pause(
                "Hold the test sheet against an envelope: is the address where it belongs, the right way up?",
                confirm=True,
                refusal="run cardgen calibrate envelope, set [envelope] feed, feed_rotate and face from it, "
                "build again and print",
            ),
        ]
    count = len(fronts) * request.copies
    steps.append(Pause(f"Load {count} envelope{'s' * (count != 1)}: {how}. Then press Enter."))
    steps.append(_job(pdf, request, fronts if pages is not None or has_back else None))
    if has_back:
        flap = {"up": "flap side up", "down": "flap side down"}.get(
            str(feed["face"]), "flap side to be printed"
        )
        steps.append(
            Pause(
                f"Fronts sent. Turn each printed envelope over where it lies, {flap}, its flap edge where "
                "it was (the same edge first); put them back in the order printed, then press Enter for "
                "the flap sides."
            )
        )
        steps.append(_job(pdf, request, [n + 1 for n in fronts]))
    return steps


def _two_sided(kit: Kit) -> bool:
    """Whether every recipient's envelope has a flap page (a number on the flap in a run)."""
    pages = [len(r.get("envelope_pages", [])) for r in kit.recipients]
    return bool(pages) and all(n == 2 for n in pages)


def _loading(feed: dict[str, Any]) -> str:
    side = "face up" if feed.get("face") == "up" else "face down"
    if feed.get("feed") in (None, "none"):
        return f"{side}, the way the envelope feed test showed"
    first = FIRST_EDGE.get(int(feed.get("feed_rotate") or 0), "top edge")
    return f"{side}, against the {feed['feed']} of the tray, {first} first"
