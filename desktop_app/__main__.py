"""`python -m desktop_app` opens the window."""

from desktop_app.app import main

if __name__ == "__main__":
    raise SystemExit(main())
