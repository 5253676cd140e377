"""Each test session is an installation of its own: the two passes of `make test` run side by
side on one host, and what one keeps under DATA_DIR (the edge's purge generation, the
readership's seen-readers file, the workers' wake-ups) must not reach the other."""

import os
import shutil
import subprocess
import sys

READ = "import bigasia.settings.test as s; print(s.TEST_SESSION, s.DATA_DIR)"


def _session(**env: str) -> tuple[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BIGASIA_TEST_SESSION", "DATA_DIR"}}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", READ], env=clean, capture_output=True, text=True, timeout=60
    )
    session, data_dir = result.stdout.split()
    return session, data_dir


def test_two_sessions_started_from_one_shell_get_their_own_data_dirs(tmp_path):
    first, second = _session(DATA_DIR=str(tmp_path)), _session(DATA_DIR=str(tmp_path))
    for _, data_dir in (first, second):
        shutil.rmtree(data_dir)  # made by a process that ran no pytest to remove it
    assert first[0] != second[0]
    assert len({first[1], second[1], str(tmp_path)}) == 3, "not the shell's DATA_DIR either"


def test_a_process_a_session_starts_keeps_the_sessions_data_dir(settings):
    child = _session(BIGASIA_TEST_SESSION=settings.TEST_SESSION, DATA_DIR=str(settings.DATA_DIR))
    assert child == (settings.TEST_SESSION, str(settings.DATA_DIR))
