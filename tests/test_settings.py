"""The remembered choices: one typed registry, read back as written after a restart,
and settings written by the first release upgraded once, with a copy kept."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from afterword.ui import settings as keys
from afterword.ui.calendar_settings import load_options, save_options
from afterword.ui.setting_kinds import REGISTRY, Number, PerDatabase, Setting
from afterword.ui.settings_upgrade import SETTINGS_VERSION, VERSION_KEY, upgrade

# Settings as the first release wrote them (it kept no version): the reminder kinds
# as a QSettings list — empty after the user kept only interview rounds.
FIRST_RELEASE_INI = """\
[calendar]
alarm_time=07:30
full=true
kinds=@Invalid()
last_file=/home/me/reminders.ics
private_notes=false
rounds=true
tasks=false

[file]
last_database=/home/me/afterword.db

[prefs]
phone_region=gb
today_lookahead_days=7
"""


def _file(tmp_path: Path, text: str, name: str = "afterword.ini") -> QSettings:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


def _reopened(settings: QSettings) -> QSettings:
    """The same file as the next run of the app reads it (no in-process cache)."""
    settings.sync()
    text = Path(settings.fileName()).read_text(encoding="utf-8")
    return _file(Path(settings.fileName()).parent, text, "next-run.ini")


def test_first_release_settings_are_upgraded_once_with_a_copy_kept(tmp_path):
    settings = _file(tmp_path, FIRST_RELEASE_INI)
    assert upgrade(settings) == 0
    assert int(settings.value(VERSION_KEY)) == SETTINGS_VERSION
    backup = tmp_path / "afterword.ini.v0.bak"
    assert backup.read_text(encoding="utf-8") == FIRST_RELEASE_INI

    options = load_options(_reopened(settings))
    assert options.kinds == frozenset() and options.rounds  # "rounds only" survives
    assert options.full and not options.tasks and options.alarm_time == time(7, 30)
    assert keys.PHONE_REGION.read(settings) == "GB"
    assert keys.TODAY_LOOKAHEAD.read(settings) == 7
    assert keys.LAST_DATABASE.read(settings) == Path("/home/me/afterword.db")
    assert upgrade(settings) == SETTINGS_VERSION  # once only


def test_a_one_item_kind_list_becomes_that_kind(tmp_path):
    settings = _file(tmp_path, "[calendar]\nkinds=touch\n")
    upgrade(settings)
    assert load_options(_reopened(settings)).kinds == {"touch"}


def test_a_new_file_starts_at_the_current_version_without_a_copy(tmp_path):
    settings = QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat)
    assert upgrade(settings) == SETTINGS_VERSION
    assert int(settings.value(VERSION_KEY)) == SETTINGS_VERSION
    assert not list(tmp_path.glob("*.bak"))


def test_settings_from_a_newer_afterword_are_left_alone(tmp_path):
    settings = _file(tmp_path, "[settings]\nversion=99\n[calendar]\nkinds=a|b\nrounds=maybe\n")
    upgrade(settings)
    assert settings.value("calendar/kinds") == "a|b" and int(settings.value(VERSION_KEY)) == 99
    assert load_options(settings).rounds is False  # unreadable: the default


def test_choices_are_read_back_as_their_own_type_after_a_restart(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    options = load_options(settings)
    save_options(settings, options.__class__(kinds=frozenset(), rounds=True, tasks=True,
                                             alarm_time=time(6, 15)))
    keys.TODAY_LOOKAHEAD.write(settings, 12)
    again = _reopened(settings)
    loaded = load_options(again)
    assert (loaded.kinds, loaded.rounds, loaded.tasks, loaded.alarm_time) == (
        frozenset(), True, True, time(6, 15))
    assert keys.TODAY_LOOKAHEAD.read(again) == 12


@pytest.mark.parametrize("text, expected", [("5", 5), ("99", 30), ("-3", 0), ("lots", 0), ("", 0)])
def test_a_number_is_kept_in_range_and_garbage_reads_as_the_default(tmp_path, text, expected):
    settings = _file(tmp_path, f"[prefs]\ntoday_lookahead_days={text}\n")
    assert keys.TODAY_LOOKAHEAD.read(settings) == expected


def test_every_declared_setting_reads_its_default_and_round_trips(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    db = tmp_path / "a.db"
    declared = [s.of(db) if isinstance(s, PerDatabase) else s for s in REGISTRY.values()]
    samples = {bool: True, int: 3, str: "GB", frozenset: frozenset({"touch"}),
               time: time(8, 5), Path: tmp_path / "f.ics", QByteArray: QByteArray(b"\x01\x02")}
    for setting in declared:
        default = setting.read(settings)
        assert default is None or isinstance(default, setting.kind), setting
        sample = setting.low + 1 if isinstance(setting, Number) else samples[setting.kind]
        setting.write(settings, sample)
        assert setting.read(_reopened(settings)) == sample, setting


def test_each_key_is_declared_once():
    assert all(key.count("/") >= 1 for key in REGISTRY)
    with pytest.raises(ValueError, match="declared twice"):
        Setting("prefs/phone_region", "US")


def test_the_database_families_keep_one_file_per_database(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    mine, other = tmp_path / "mine.db", tmp_path / "other.db"
    keys.CALENDAR_AUTO_FILE.of(mine).write(settings, tmp_path / "mine.ics")
    assert keys.CALENDAR_AUTO_FILE.of(other).read(settings) is None
    assert keys.CALENDAR_AUTO_FILE.of(mine).read(_reopened(settings)) == tmp_path / "mine.ics"


def test_open_settings_upgrades_the_users_file(tmp_path):
    path = keys.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FIRST_RELEASE_INI, encoding="utf-8")
    settings = keys.open_settings()
    assert int(settings.value(VERSION_KEY)) == SETTINGS_VERSION
    assert load_options(settings).kinds == frozenset()


def test_no_code_reads_or_writes_a_key_of_its_own():
    """Every key goes through its declaration in ui/settings.py (the upgrade steps
    name old keys on purpose)."""
    package = Path(keys.__file__).parent.parent
    literal_key = re.compile(r"""\.(value|setValue|remove|contains)\(\s*(f?["'][\w{}]+/)""")
    allowed = {"ui/setting_kinds.py", "ui/settings_upgrade.py"}
    found = [f"{path.relative_to(package)}:{number}: {line.strip()}"
             for path in package.rglob("*.py") if path.relative_to(package).as_posix() not in allowed
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if literal_key.search(line)]
    assert found == []
