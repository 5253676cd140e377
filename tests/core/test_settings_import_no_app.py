"""The settings are read before any app is loaded: importing them imports none of our apps,
and the values they parse themselves (choices, networks, the local key) come out right."""

import json
import os
import subprocess
import sys

READ = """
import json, sys
import bigasia.settings.dev as s
apps = sorted({name.split(".")[1] for name in sys.modules
               if name.startswith("bigasia.") and name.split(".")[1] != "settings"})
print(json.dumps({"apps": apps, "priority": s.WORKER_CPU_PRIORITY, "log": s.LOG_FORMAT,
                  "metrics": [str(n) for n in s.METRICS_ALLOWED_NETWORKS],
                  "key": s.SECRET_KEY}))
"""


def _read_settings(tmp_path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", READ], env=clean, capture_output=True, text=True, timeout=60
    )


def test_the_settings_import_no_app_and_parse_their_values(tmp_path):
    result = _read_settings(
        tmp_path,
        WORKER_CPU_PRIORITY="low",
        LOG_FORMAT="json",
        METRICS_ALLOWED_NETWORKS="10.0.0.0/8, ::1",
    )
    read = json.loads(result.stdout)
    assert read["apps"] == []
    assert (read["priority"], read["log"]) == ("low", "json")
    assert read["metrics"] == ["10.0.0.0/8", "::1/128"]
    # The local key is made once and kept: a second start reads the same one.
    assert len(read["key"]) > 50
    assert (tmp_path / "local-secret-key").read_text() == read["key"]
    assert json.loads(_read_settings(tmp_path).stdout)["key"] == read["key"]


def test_a_choice_outside_its_set_stops_the_process_naming_the_variable(tmp_path):
    result = _read_settings(tmp_path, WORKER_CPU_PRIORITY="lowest")
    assert result.returncode != 0
    assert "WORKER_CPU_PRIORITY='lowest' is not valid: use one of idle, low, normal" in (
        result.stderr
    )
    result = _read_settings(tmp_path, METRICS_ALLOWED_NETWORKS="10.0.0.0/8,nowhere")
    assert result.returncode != 0 and "METRICS_ALLOWED_NETWORKS: 'nowhere'" in result.stderr
