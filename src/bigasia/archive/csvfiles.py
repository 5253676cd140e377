"""The operator's two CSV files: `--sections` (category → section) and `--pairs` (ru_key,en_key).

A bad row stops the command before anything is written, with the file and line named: a
mapping half applied would scatter the archive over the wrong sections.
"""

import csv
from pathlib import Path

from django.utils.translation import gettext as _


class BadCsv(Exception):
    pass


def _rows(path: Path, header: tuple[str, str]) -> list[tuple[int, str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            lines = list(enumerate(csv.reader(handle), start=1))
    except OSError as error:
        message = _("%(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        raise BadCsv(message) from error
    except UnicodeDecodeError as error:
        raise BadCsv(_("%(path)s is not UTF-8 text.") % {"path": path}) from error
    rows = []
    for number, row in lines:
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and tuple(c.lower() for c in cells[:2]) == header):
            continue
        if len(cells) != 2 or not all(cells):
            raise BadCsv(
                _("%(path)s, line %(line)s: expected two values, %(first)s and %(second)s.")
                % {"path": path, "line": number, "first": header[0], "second": header[1]}
            )
        rows.append((number, cells[0], cells[1]))
    return rows


def read_sections(path: Path) -> dict[str, str]:
    """category (slug or name) → slug of the section its posts go to."""
    return {category: section for _n, category, section in _rows(path, ("category", "section"))}


def read_pairs(path: Path) -> dict[str, str]:
    """source key → translation group; both keys of a `ru_key,en_key` row share one group."""
    groups: dict[str, str] = {}
    for number, ru_key, en_key in _rows(path, ("ru_key", "en_key")):
        for key in (ru_key, en_key):
            if key in groups:
                raise BadCsv(
                    _("%(path)s, line %(line)s: the key %(key)s is already in another pair.")
                    % {"path": path, "line": number, "key": key}
                )
            groups[key] = f"pair:{ru_key}"
    return groups
