"""Run one measured job in this fresh process and print its peak RSS (KiB, with its largest worker
process) as the last line.

usage: child.py cardgen NOTE CSV OUT   |   child.py floor COUNT OUT"""

import resource
import sys
from pathlib import Path

kind = sys.argv[1]
if kind == "cardgen":
    from cardgen.cli import main

    note, csv, out = sys.argv[2:5]
    args = ["build", note, "-o", out, "--force"] + (["--recipients", csv] if csv != "-" else [])
    try:
        main(args, standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
else:
    sys.path.insert(0, str(Path(__file__).parent))
    from floor import draw_all

    draw_all(int(sys.argv[2]), Path(sys.argv[3]))
# Peak memory of the run: this process plus its largest worker (an upper bound for both at once).
print(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
)
