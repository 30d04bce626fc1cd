"""``python -m jobarchitecture``: the command line (see ``jobarchitecture --help``)."""

from jobarchitecture._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
