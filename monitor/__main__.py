"""`python -m monitor` runs the command line, the same as the `monitor` script."""

from .cli import entry_point

entry_point()
