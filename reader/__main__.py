"""`python -m reader` does what the `duizhao` command does."""

import sys

from reader.cli import main

sys.exit(main())
