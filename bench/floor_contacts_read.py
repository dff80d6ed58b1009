"""The contacts import floor: every card of a vCard or CSV file read and checked as
`afterword contacts import` reads it (one at a time, strictly), and nothing stored.
The import of the same file is compared with it.

    PYTHONPATH=desktop python bench/floor_contacts_read.py F.vcf
"""

from __future__ import annotations

import sys
from pathlib import Path

from afterword.core.contact_files import read_contacts


def main(path: str) -> None:
    count = sum(1 for _ in read_contacts(Path(path)))
    print(f"read {count} contacts")


if __name__ == "__main__":
    main(sys.argv[1])
