"""Benchmarks: each module measures one capability; run from the repository root with
`.venv/bin/python -m bench.<name>` (docs/benchmarks.md)."""
