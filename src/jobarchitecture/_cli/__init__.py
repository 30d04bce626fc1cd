"""The ``jobarchitecture`` command line.

``main(argv)`` parses the arguments, imports the one command module asked for
(so ``families`` never pays for the CSV or classification code) and turns every
error into one line per problem on stderr with a stable exit code:

- 0: success;
- 1: problems found (``validate``, ``families`` with broken plugins,
  ``classify-batch`` rows with errors);
- 2: usage or input error (bad arguments, unknown family, criterion or level,
  a missing or broken file);
- 70: internal error (a bug: rerun with ``--debug`` for the traceback).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from ._common import EXIT_INPUT, EXIT_INTERNAL, CommandError, error_lines, print_error


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Known before parsing, so that a failure while parsing is reported the same way.
    debug = "--debug" in args
    _quiet_library_log(debug)
    _tolerant_streams()
    try:
        from ._parser import UsageError, run

        try:
            code = run(args)
            # Flushed here, not at exit, so that a closed pipe is handled below.
            sys.stdout.flush()
            return code
        except UsageError as exc:
            print_error(str(exc))
            return EXIT_INPUT
    except SystemExit as exc:  # --help and --version exit through argparse
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not complain again.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except CommandError as exc:
        _traceback(debug)
        for line in exc.lines:
            print_error(line)
        return exc.exit_code
    except Exception as exc:
        _traceback(debug)
        from .._errors import JobArchitectureError

        if isinstance(exc, JobArchitectureError | OSError):
            for line in error_lines(exc):
                print_error(line)
            return EXIT_INPUT
        message = " ".join(str(exc).split()) or "(no message)"
        print_error(
            f"internal error: {type(exc).__name__}: {message}"
            + ("" if debug else "; rerun with --debug for the traceback")
        )
        return EXIT_INTERNAL


def _tolerant_streams() -> None:
    # Family text is Dutch with typographic characters; a terminal whose encoding
    # cannot show one gets a replacement character, not a crash.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _quiet_library_log(debug: bool) -> None:
    # The registry logs each broken plugin; the commands report them themselves,
    # so without a handler Python's last-resort handler would print them twice.
    logging = sys.modules.get("logging")
    if logging is None or debug:
        return
    logger = logging.getLogger("jobarchitecture")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _traceback(debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (in-process runs)
        pass
