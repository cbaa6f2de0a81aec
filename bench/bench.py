"""cardgen's benchmark, every figure measured in this run on this machine against a floor measured
alongside it: the full kit for 1,000 and 10,000 recipients against a plain reportlab script drawing
the same pages (wall time, CPU time of the whole process tree, and the peak of the whole tree's
resident memory sampled every 0.2 s), one kit in a fresh process against the floor's one card, and
one preview page (cardgen.preview, the document opened once) against pdftoppm's first page.

Runs are interleaved (the machines are shared and noisy) and reported as medians with their range.

usage: python bench/bench.py [--counts 1000,10000] [--runs 3] [--big-runs 1] [--repeat 7]"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "interview-thank-you.toml"
CHILD = Path(__file__).resolve().parent / "child.py"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_EVERY = 0.2  # seconds between memory samples of the process tree
# Children run as an installed tool does, from compiled bytecode (compiled once in main()), even
# where the environment says not to write bytecode: else every fresh process compiles cardgen.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def people(path: Path, count: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "title", "company", "street", "city", "region", "postal_code", "country"])
        for i in range(count):
            writer.writerow(
                [
                    f"Person {i}",
                    "Engineering Manager",
                    "Northwind Labs",
                    "400 Market Street\\nSuite 1200",
                    "San Francisco",
                    "CA",
                    "94105",
                    "US",
                ]
            )
    return path


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            resident = int(Path(f"/proc/{entry}/statm").read_text().split()[1])
        except OSError:
            continue  # the process ended while we looked
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry)], rss[int(entry)] = int(fields[1]), resident * PAGE_SIZE
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def measure(command: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds (the process and every child it waited for) and the peak of the
    whole tree's resident memory (MiB) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    peak, sampled = 0, 0.0
    while True:
        try:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        except ChildProcessError:
            raise SystemExit(f"{command}: lost the child") from None
        if pid:
            break
        now = time.perf_counter()
        if now - sampled >= SAMPLE_EVERY:
            peak, sampled = max(peak, _tree_rss(process.pid)), now
        time.sleep(0.002)  # the end is seen within 2 ms; memory is sampled every SAMPLE_EVERY
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": peak / 2**20}


def summary(values: list[float], digits: int = 2) -> dict[str, object]:
    """The median and the range of some runs' figures."""
    return {
        "median": round(statistics.median(values), digits),
        "range": [round(min(values), digits), round(max(values), digits)],
    }


def kits(count: int, runs: int, work: Path) -> dict[str, object]:
    """cardgen and the floor for `count` recipients, `runs` interleaved runs of each."""
    csv_path = people(work / f"people-{count}.csv", count)
    ours_out, floor_out = work / f"ours-{count}", work / f"floor-{count}"
    ours, floor = [], []
    for _ in range(runs):  # interleaved: noise hits both alike
        ours.append(
            measure([sys.executable, str(CHILD), "cardgen", str(SAMPLE), str(csv_path), str(ours_out)])
        )
        floor.append(measure([sys.executable, str(CHILD), "floor", str(count), str(floor_out)]))
    pdfs = ("card.pdf", "envelope.pdf", "guide.pdf")
    row: dict[str, object] = {"recipients": count, "runs": runs}
    for key in ("wall", "cpu", "rss"):
        row[f"cardgen_{key}"] = summary([r[key] for r in ours], 1 if key == "rss" else 2)
        row[f"floor_{key}"] = summary([r[key] for r in floor], 1 if key == "rss" else 2)
        row[f"{key}_ratio"] = summary([o[key] / f[key] for o, f in zip(ours, floor, strict=True)])
    row["cardgen_bytes_per_recipient"] = sum((ours_out / n).stat().st_size for n in pdfs) // count
    row["floor_bytes_per_recipient"] = sum((floor_out / n).stat().st_size for n in pdfs) // count
    return row


def one_kit(repeat: int, work: Path) -> dict[str, object]:
    """One kit (card, envelope, guide and side files) built by a fresh process, against the floor's
    one card, envelope and guide from a fresh process."""
    ours, floor = [], []
    for _ in range(repeat):
        ours.append(
            measure([sys.executable, str(CHILD), "cardgen", str(SAMPLE), "-", str(work / "one")])["wall"]
        )
        floor.append(measure([sys.executable, str(CHILD), "floor", "1", str(work / "floor-one")])["wall"])
    return {"cardgen_s": summary(ours, 3), "floor_s": summary(floor, 3)}


def preview(repeat: int, work: Path) -> dict[str, object]:
    """Page 1 of guide.pdf at 150 dpi: cardgen.preview in a running process (as the web page calls
    it) and in a fresh process, against pdftoppm's first page."""
    pdf = work / "one" / "guide.pdf"
    code = (
        "import sys, time, cardgen; data = open(sys.argv[1], 'rb').read(); "
        "cardgen.preview(data, pages=[1], dpi=150); t = time.perf_counter(); "
        "[cardgen.preview(data, pages=[1], dpi=150) for _ in range(5)]; print((time.perf_counter() - t) / 5)"
    )
    warm = [
        float(
            subprocess.run(
                [sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True, env=ENV
            ).stdout
        )
        for _ in range(3)
    ]
    fresh, poppler = [], []
    for _ in range(repeat):
        fresh.append(
            measure(
                [
                    sys.executable,
                    "-c",
                    "import sys, cardgen; cardgen.preview(open(sys.argv[1], 'rb').read(), pages=[1], dpi=150)",
                    str(pdf),
                ]
            )["wall"]
        )
        poppler.append(
            measure(["pdftoppm", "-f", "1", "-l", "1", "-r", "150", "-png", str(pdf), str(work / "p")])[
                "wall"
            ]
        )
    return {
        "in_process_s": summary(warm, 3),
        "fresh_process_s": summary(fresh, 3),
        "pdftoppm_s": summary(poppler, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs per count up to 1,000")
    parser.add_argument("--big-runs", type=int, default=1, help="interleaved runs for larger counts")
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes for one kit and one preview")
    options = parser.parse_args()
    result: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": os.getloadavg()[0],
    }
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "cardgen")], check=True, env=ENV)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        result["one_kit"] = one_kit(options.repeat, work)
        print(json.dumps(result["one_kit"]), flush=True)
        result["preview"] = preview(options.repeat, work)
        print(json.dumps(result["preview"]), flush=True)
        rows = []
        for count in (int(c) for c in options.counts.split(",")):
            rows.append(kits(count, options.runs if count <= 1000 else options.big_runs, work))
            print(json.dumps(rows[-1]), flush=True)
        result["kits"] = rows
    result["load_after"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
