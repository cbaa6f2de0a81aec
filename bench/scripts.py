"""What writing in other scripts costs: one kit (card, envelope, guide) for the Latin sample and for
notes in Japanese, Arabic, Hebrew and Hindi, each in a fresh process (fonts read, shaped, subset)
and warm in one process (repeated, its caches hot, as when the web page renders a note again), as
ratios against the Latin sample measured in the same run; medians of several interleaved runs with
their range, and the peak resident memory of each fresh process (one kit uses no workers).

usage: python bench/scripts.py [--runs 5] [--repeat 5]"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
MESSAGES = {
    "hebrew": (
        "שלום דנה,\n\nתודה רבה על הפגישה היום ועל הזמן שהקדשת לי. אשמח מאוד להצטרף לצוות.\n\nבברכה,\nיונתן"
    ),
    "hindi": (
        "प्रिय सुनीता जी,\n\nआज के साक्षात्कार के लिए बहुत धन्यवाद। "
        "मुझे आपकी टीम के साथ काम करने में खुशी होगी।\n\nसादर,\nअमित"
    ),
}
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    start = time.perf_counter()
    import cardgen
    from tests.conftest import write_note
    from pathlib import Path
    note_path, message, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if message:
        note_path = str(write_note(Path(sys.argv[4]), {"template": None, "message.text": message}))
    note = cardgen.load_note(note_path)
    cardgen.render_kit(note)
    first = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        cardgen.render_kit(cardgen.load_note(note_path))
        warm.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"fresh": first, "warm": min(warm) if warm else 0.0, "rss_kib": peak}))
    """
)


def one(name: str, note: Path, message: str, repeat: int, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(note), message, str(repeat), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**ENV, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cardgen")], env=ENV, check=True)
    cases = {
        "latin (sample)": (SAMPLES / "interview-thank-you.toml", ""),
        "japanese": (SAMPLES / "japanese-thank-you.toml", ""),
        "arabic": (SAMPLES / "arabic-thank-you.toml", ""),
        "hebrew": (SAMPLES / "interview-thank-you.toml", MESSAGES["hebrew"]),
        "hindi": (SAMPLES / "interview-thank-you.toml", MESSAGES["hindi"]),
    }
    found: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory() as temp:
        for run in range(args.runs):  # interleaved: each run measures every case once
            for name, (note, message) in cases.items():
                folder = Path(temp) / f"{name.split()[0]}-{run}"
                folder.mkdir()
                found[name].append(one(name, note, message, args.repeat, folder))
    base = {k: statistics.median(r[k] for r in found["latin (sample)"]) for k in ("fresh", "warm")}
    heads = ("case", "fresh process s (range)", "ratio", "warm kit s (range)", "ratio", "peak MiB")
    print(f"{heads[0]:16} {heads[1]:>26} {heads[2]:>6} {heads[3]:>22} {heads[4]:>6} {heads[5]:>9}")
    for name, results in found.items():
        fresh = [r["fresh"] for r in results]
        warm = [r["warm"] for r in results]
        rss = statistics.median(r["rss_kib"] for r in results) / 1024
        print(
            f"{name:16} {statistics.median(fresh):8.3f} ({min(fresh):.3f}-{max(fresh):.3f}) "
            f"{statistics.median(fresh) / base['fresh']:6.2f} "
            f"{statistics.median(warm):8.3f} ({min(warm):.3f}-{max(warm):.3f}) "
            f"{statistics.median(warm) / base['warm']:6.2f} {rss:9.1f}"
        )


if __name__ == "__main__":
    main()
