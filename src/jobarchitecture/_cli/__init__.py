"""The ``jobarchitecture`` command line.

``main(argv)`` parses the arguments, imports the one command module asked for
(so ``families`` never pays for the CSV or classification code) and turns every
error into one line per problem on stderr with a stable exit code:

- 0: success;
- 1: problems found (``validate``, ``families`` with broken plugins,
  ``classify-batch`` rows with errors);
- 2: usage or input error (bad arguments, unknown family, criterion or level,
  a missing or broken file, output that cannot be written);
- 70: internal error (a bug: rerun with ``--debug`` for the traceback);
- 130, 143: interrupted by SIGINT (Ctrl-C) or terminated by SIGTERM; a file
  being written is left as it was (see :mod:`jobarchitecture._io`).
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Any

from ._common import EXIT_INPUT, EXIT_INTERNAL, CommandError, error_lines, print_error

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that ``finally`` blocks and atomic
    writers clean up as they do for Ctrl-C. A BaseException, like
    KeyboardInterrupt: no ``except Exception`` swallows it."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    # Signal handlers can only be set from the main thread; main() run from a
    # worker thread (a test, an embedding application) keeps the default.
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = _signals()
    previous = signals.signal(signals.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signals.signal(signals.SIGTERM, previous)


def _signals() -> Any:
    # The C module under `signal`, which the interpreter has loaded already:
    # `signal` only adds enums around it, and creating them costs a cold start
    # 0.6 ms. The handler set and restored is the same either way.
    try:
        return importlib.import_module("_signal")
    except ImportError:  # an interpreter without it
        return importlib.import_module("signal")


class _ClosedStdout:
    """Stands in for ``sys.stdout`` when the process was started without one
    (``jobarchitecture families >&-``): writing says so, instead of crashing on None."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "cannot write the output: stdout is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Known before parsing, so that a failure while parsing is reported the same way.
    debug = "--debug" in args
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        # `2>&-`: nowhere to say anything; the exit code still tells.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    _quiet_library_log(debug)
    _tolerant_streams()
    try:
        with _sigterm_raises():
            return _run(args, debug)
    except KeyboardInterrupt:
        # Also when Ctrl-C comes while an error is being reported.
        print_error("interrupted")
        return EXIT_INTERRUPTED
    except Terminated:
        print_error("terminated")
        return EXIT_TERMINATED


def _run(args: list[str], debug: bool) -> int:
    try:
        from ._quick import quick_classify

        quick = quick_classify(args)
        if quick is not None:
            from ._cmd_classify import run as classify

            code = classify(quick)  # type: ignore[arg-type]  # the namespace argparse would give
            sys.stdout.flush()
            return code
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
        return EXIT_INTERRUPTED
    except Terminated:
        print_error("terminated")
        return EXIT_TERMINATED
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
        if isinstance(exc, UnicodeError):
            # An input read in the wrong --encoding (utf-16 without a BOM, say).
            print_error(f"cannot decode the input: {exc} (check --encoding)")
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
