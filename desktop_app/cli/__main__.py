"""`python -m desktop_app.cli` runs the command-line companion."""

from desktop_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
