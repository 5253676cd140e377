"""Shared fixtures, loaded for every test by the root conftest's pytest_plugins."""
