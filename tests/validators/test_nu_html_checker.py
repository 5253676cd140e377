"""Every reader page type, in both languages, passes the Nu HTML Checker with 0 errors.

vnu.jar (npm `vnu-jar`, tests/validators/package.json) checks all the pages in one JVM
start; each page is then its own test, so a failure names the page type and language.
"""

import json
import shutil
import subprocess

import pytest
from django.test import Client

from tests.conftest import IN_CI

from .pages import HOW_TO_GET_VALIDATORS, NAMES, VNU_JAR, missing, reader_pages

pytestmark = pytest.mark.django_db


def _validator_problem() -> str | None:
    if shutil.which("java") is None:
        return "java is missing (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing"
    return None


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, list[str]]:
    """{page name: the checker's errors} for every reader page found, from one vnu run."""
    problem = _validator_problem()
    if problem:
        if IN_CI:
            pytest.fail(f"CI=true and {problem}")
        pytest.skip(f"{problem}: {HOW_TO_GET_VALIDATORS}")
    folder = tmp_path_factory.mktemp("vnu")
    client = Client()
    files = {}
    with django_db_blocker.unblock():
        for name, page in reader_pages().items():
            response = client.get(page.path)
            assert response.status_code == page.status, page
            files[name] = folder / f"{name}.html"
            files[name].write_bytes(response.content)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
         *map(str, files.values())],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    by_file = {path.name: name for name, path in files.items()}
    errors: dict[str, list[str]] = {name: [] for name in files}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            name = by_file[message["url"].rsplit("/", 1)[-1]]
            errors[name].append(
                f"line {message.get('lastLine', '?')}: {message['message']}"
                f" [{message.get('extract', '').strip()}]"
            )
    return errors


@pytest.mark.parametrize("name", NAMES)
def test_it_passes_the_nu_html_checker(name, checked):
    missing(name, checked)
    assert checked[name] == []
