"""Debrief a Round: the form (form.py, with the people picker in people_picker.py
and the time zone in time_zone.py), then the thank-you notes it proposes
(notes_page.py); dialog.py puts them together and saves."""

from afterword.ui.dialogs.debrief.dialog import DebriefDialog
from afterword.ui.dialogs.debrief.time_zone import local_zone_name

__all__ = ["DebriefDialog", "local_zone_name"]
