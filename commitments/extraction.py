"""The extraction moved to intake.extraction (issue 15); this name stays for the code that imports it."""

from intake.extraction import *  # noqa: F401,F403
from intake.extraction import _words  # noqa: F401
