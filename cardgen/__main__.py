"""`python -m cardgen`: the same entry point as the `cardgen` console script."""

from cardgen.cli import main

main()
