"""Batch generation: a plan computed before anything is sent, a journal, and a bounded runner.

`plan` reads prompt files and expands wildcards into requests with their cost; `journal` makes a
batch resumable without paying twice; `runner` sends the plan through the shared generation
sequence. No Qt in this package: the CLI uses it today, the window's batch panel later.
"""
