"""cardgen's benchmark: the full kit for 1, 1,000 and 10,000 recipients against a plain reportlab
floor drawing the same pages, and the one-kit latency of a fresh `cardgen build` against a bare
`import reportlab.pdfgen.canvas`. Every figure is measured in this run, on this machine; ratios
are what to compare across machines. Times are medians of interleaved runs (the machines are shared
and noisy); 10,000 recipients run once.

usage: python bench/bench.py [--counts 1,1000,10000] [--repeat 5]"""

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


def measure(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of a fresh child process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.strip().splitlines()[-1]) // 1024


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.pdf"))


def latency(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", default="1,1000,10000")
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes for the one-kit latency")
    parser.add_argument(
        "--runs", type=int, default=5, help="interleaved runs per count up to 1,000 (medians)"
    )
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for count in (int(c) for c in options.counts.split(",")):
            csv_path = people(work / f"people-{count}.csv", count)
            ours_runs, floor_runs = [], []
            for _ in range(options.runs if count <= 1000 else 1):  # interleaved: noise hits both alike
                ours_runs.append(
                    measure(["cardgen", str(SAMPLE), str(csv_path), str(work / f"ours-{count}")])
                )
                floor_runs.append(measure(["floor", str(count), str(work / f"floor-{count}")]))
            ours = statistics.median(t for t, _ in ours_runs)
            floor = statistics.median(t for t, _ in floor_runs)
            ours_rss, floor_rss = max(r for _, r in ours_runs), max(r for _, r in floor_runs)
            rows.append(
                {
                    "recipients": count,
                    "cardgen_s": round(ours, 2),
                    "floor_s": round(floor, 2),
                    "ratio": round(ours / floor, 2),
                    "cardgen_peak_mib": ours_rss,
                    "floor_peak_mib": floor_rss,
                    "cardgen_bytes_per_recipient": size_of(work / f"ours-{count}") // count,
                    "floor_bytes_per_recipient": size_of(work / f"floor-{count}") // count,
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        cardgen = str(Path(sys.executable).with_name("cardgen"))
        one = latency([cardgen, "build", str(SAMPLE), "-o", str(work / "one"), "--force"], options.repeat)
        bare = latency([sys.executable, "-c", "import reportlab.pdfgen.canvas"], options.repeat)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    result = {
        "machine": machine,
        "kits": rows,
        "one_kit_s": round(one, 3),
        "bare_reportlab_import_s": round(bare, 3),
        "one_kit_ratio": round(one / bare, 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
