"""Dialogs: each one a small window over the core, opened from the main window."""
