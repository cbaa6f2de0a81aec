"""Mutation fuzzing of the note and CSV loaders and the whole pipeline (`make fuzz`, not in `make test`).

Seeds are the sample and the bad-input corpus; each try mutates one (bit flips, cut or doubled lines,
values swapped for awkward tokens), then loads, lays out and sometimes renders it. A clean
CardgenError or a kit is fine; anything else is a finding, saved to fuzz-findings/ for a test."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardgen import load_note  # noqa: E402
from cardgen.errors import CardgenError  # noqa: E402
from cardgen.jobs import Job, make_job  # noqa: E402
from cardgen.kit import make_kit  # noqa: E402
from cardgen.writer import render_files  # noqa: E402

TOKENS = [
    '"-1mm"',
    '"0mm"',
    '"1e309mm"',
    '"nan mm"',
    '"inf in"',
    "1e309",
    "-0",
    "[]",
    "{}",
    '""',
    '"\\u0000"',
    '"\\u202e"',
    '"a2-flat"',
    '"custom"',
    '"print"',
    '"handwrite"',
    '"blank"',
    '"a4"',
    '"short"',
    '["1in", "1in"]',
    '["12in", "12in"]',
    '["5in"]',
    "true",
    "2026-02-30",
    "1979-05-27T07:32:00Z",
    '"' + "W" * 300 + '"',
    '"Zoë Łukasiewicz-Ørsted"',
    '"Ελένη"',
    '"😀"',
    '"\\t\\n\\n\\n"',
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    choice = rng.randrange(6)
    if choice == 0 and data:
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
        return bytes(buffer)
    if choice == 1:
        return data[: rng.randrange(len(data) + 1)]
    if choice == 2 and lines:
        del lines[rng.randrange(len(lines))]
    elif choice == 3 and lines:
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
    elif choice == 4:
        candidates = [i for i, line in enumerate(lines) if b"=" in line]
        if candidates:
            index = rng.choice(candidates)
            key = lines[index].split(b"=", 1)[0]
            lines[index] = key + b"= " + rng.choice(TOKENS).encode()
    else:
        lines.insert(
            rng.randrange(len(lines) + 1), rng.choice([b"[card]", b"[message]", b"x = 1", b"[[print]]"])
        )
    return b"\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = [(ROOT / "samples" / "interview-thank-you.toml").read_bytes()] * 20  # mostly valid starts
    seeds += [
        p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("*.toml")) if p.stat().st_size < 4000
    ]
    csv_seed = (
        b"name,title,company,street,city,region,postal_code,country,enjoyed\r\n"
        b"Dana Rivera,Manager,Northwind,400 Market St,San Francisco,CA,94105,US,the tour\r\n"
        b'Sam Okafor,,Northwind,"1 Main St, Apt 2",Austin,TX,78701,US,"your ""dbt"" question"\r\n'
    )
    counts = {"tried": 0, "built": 0, "rejected": 0, "findings": 0}
    findings = ROOT / "fuzz-findings"
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory() as temp:
        note = Path(temp) / "note.toml"
        people = Path(temp) / "people.csv"
        sample = load_note(ROOT / "samples" / "interview-thank-you.toml")
        (Path(temp) / "templates").mkdir()
        while time.monotonic() < deadline:
            fuzz_csv = rng.random() < 0.3
            data = csv_seed if fuzz_csv else rng.choice(seeds)
            for _ in range(rng.randint(1, 3)):
                data = mutate(data, rng)
            (people if fuzz_csv else note).write_bytes(data)
            counts["tried"] += 1
            try:
                job = make_job(sample, people) if fuzz_csv else Job.of(make_kit(load_note(note)))
                if rng.random() < 0.1:
                    render_files(job)
                counts["built"] += 1
            except CardgenError:
                counts["rejected"] += 1
            except Exception:
                counts["findings"] += 1
                findings.mkdir(exist_ok=True)
                name = findings / f"finding-{counts['findings']}.{'csv' if fuzz_csv else 'toml'}"
                name.write_bytes(data)
                print(f"finding: {name}\n{traceback.format_exc(limit=3)}", file=sys.stderr)
    print(", ".join(f"{value} {key}" for key, value in counts.items()))
    return 1 if counts["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
