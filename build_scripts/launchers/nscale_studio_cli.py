"""PyInstaller entry script for the console CLI: the same `desktop_app.cli:main` as the script."""

from desktop_app.cli import main

raise SystemExit(main())
