"""`afterword card read IMAGE [--json]`: the fields of a business card, read offline."""

from __future__ import annotations

import argparse
import json

from afterword.core.errors import AfterwordError
from afterword.core.terminal import printable, printable_json

FIELD_LABELS = (("name", "Name"), ("title", "Title"), ("company", "Company"),
                ("phone_direct", "Direct phone"), ("phone_cell", "Cell"), ("email", "Email"),
                ("linkedin", "LinkedIn/web"), ("mailing_address", "Mailing address"))


def _region(text: str) -> str:
    import phonenumbers

    region = text.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise argparse.ArgumentTypeError(f"not a two-letter country code like US or GB: {text!r}")
    return region


def cmd_card_read(args: argparse.Namespace) -> int:
    from afterword.cli_contacts import default_region
    from afterword.core.cardread import read_card  # the engine loads only for this command

    reading = read_card(args.image, region=args.region or default_region())
    fields = reading.fields.as_json()
    if args.json:
        print(printable_json(json.dumps(fields, ensure_ascii=False, indent=2)))
        return 0
    width = max(len(label) for _, label in FIELD_LABELS) + 2
    for key, label in FIELD_LABELS:
        lines = (fields[key] or "—").splitlines()
        for n, line in enumerate(lines):
            print(printable(f"{label if n == 0 else '':<{width}}{line}"))
    for n, line in enumerate(fields["other_lines"]):
        print(printable(f"{'Other lines' if n == 0 else '':<{width}}{line}"))
    return 0


def cmd_card_help(args: argparse.Namespace) -> int:
    raise AfterwordError("say what to do with a card: afterword card read IMAGE [--json]")


def register(sub: argparse._SubParsersAction) -> None:
    """`card read` under the main parser's commands."""
    card = sub.add_parser("card", help="read a business card photo (offline)",
                          description="Business cards: read the fields of a photo or scan.")
    card.set_defaults(func=cmd_card_help)
    actions = card.add_subparsers(title="actions", metavar="ACTION")
    p = actions.add_parser(
        "read", help="print the fields found on a card photo or scan",
        description="Read the text of a photographed or scanned business card, offline, and "
        "print the fields found: name, title, company, direct phone, cell, email, LinkedIn/web, "
        "mailing address and the other lines. Phones are written in international form; numbers "
        "printed without a country code are read as the card's country (from its other numbers, "
        "its web or email domain, its address) or else as --region. Nothing is stored.")
    p.add_argument("image", metavar="IMAGE", help="the photo or scan (JPEG, PNG, WebP, TIFF, BMP)")
    p.add_argument("--json", action="store_true",
                   help="print a JSON object: name, title, company, phone_direct, phone_cell, "
                        "email, linkedin, mailing_address (null where not found), other_lines")
    p.add_argument("--region", type=_region, metavar="CC",
                   help="country for phone numbers without a country code when the card does not "
                        "say (default: AFTERWORD_PHONE_REGION, else your locale's, else US)")
    p.set_defaults(func=cmd_card_read)
