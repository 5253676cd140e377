"""`make run` restarts on code changes through watchfiles (inotify), not Django's polling
StatReloader, which read every loaded module's mtime once a second."""

import os
import subprocess
import sys

import pytest


@pytest.mark.db_independent
def test_the_dev_settings_choose_the_watchfiles_reloader(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "bigasia.settings.dev",
        "DATA_DIR": str(tmp_path),
        "DEBUG": "1",
    }
    code = (
        "import django; django.setup(); from django.utils import autoreload;"
        "print(type(autoreload.get_reloader()).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "WatchfilesReloader", result.stderr[-2000:]
