"""``python -m splitcalc``: the command line (see :mod:`splitcalc.cli`)."""

from splitcalc.cli import main

raise SystemExit(main())
