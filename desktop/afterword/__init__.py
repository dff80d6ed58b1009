"""Afterword: a desktop personal CRM for the people you meet while interviewing."""

__version__ = "0.1.0"
APP_NAME = "Afterword"
