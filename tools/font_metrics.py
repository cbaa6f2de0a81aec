"""Measure every bundled font and keep the metrics in fonts/metrics.json (run after changing a font:
`make font-metrics`); a test fails while the kept metrics differ from the fonts'."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cardgen.fonts import write_kept_metrics  # noqa: E402

if __name__ == "__main__":
    print(f"wrote {write_kept_metrics()}")
