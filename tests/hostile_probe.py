"""Run as a script (tests/test_hostile_files.py starts it for the memory, `make bench` for the time): imports each
hostile file of the corpus named (every one if none is) with `manage.py import_commitments --dry-run` in this one
fresh process, on an in-memory database, and prints as JSON the time each took and the process's peak resident memory
after each. The peak only grows, so the last figure bounds every case at once."""

import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import django


def peak_mb():
    """This process's peak resident memory. On Linux from /proc (VmHWM), which starts afresh with the program:
    ru_maxrss survives exec, so it would count the test runner this process was forked from."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


def main(names):
    django.setup()
    from django.core.management import CommandError, call_command

    from tests import hostile_files
    from tests.conftest import make_user

    call_command("migrate", verbosity=0)
    call_command("loaddata", "fixtures/werkprogramma-2024-reference.json", verbosity=0)
    make_user("erin", ["beheerder"], is_staff=True)
    results = {"before_mb": peak_mb(), "cases": {}}
    with tempfile.TemporaryDirectory() as folder:
        for name in names or hostile_files.ALL_CASES:
            make, filename, _expected = hostile_files.ALL_CASES[name]
            path = Path(folder) / filename
            path.write_bytes(make())
            err = io.StringIO()
            started = time.perf_counter()
            try:
                arguments = [str(path), "--dry-run", "--as", "erin"]
                call_command("import_commitments", *arguments, stdout=io.StringIO(), stderr=err)
                outcome = "accepted"
            except CommandError as error:
                outcome = str(error)
            seconds = time.perf_counter() - started
            path.unlink()
            results["cases"][name] = {
                "seconds": seconds,
                "peak_mb": peak_mb(),
                "outcome": outcome[:200],
                "stderr": err.getvalue()[:2000],
                "stderr_length": len(err.getvalue()),
            }
    print(json.dumps(results))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    main(sys.argv[1:])
