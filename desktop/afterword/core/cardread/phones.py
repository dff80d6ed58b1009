"""Phone numbers on a card: found by phonenumbers' matcher, sorted into the direct line
and the cell by the label printed before them, written in international form.

A number printed without its country code is read as a number of the card's own country
when the card says which (another number written with +, the country-code domain of its
email or web address, a country line in the address), else of the user's region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# Labels in the languages cards are printed in. Compared in lower case, dots dropped.
CELL_LABELS = {"m", "mob", "mobile", "mobil", "cell", "cel", "cell phone", "c", "handy",
               "portable", "port", "gsm", "cellulare", "móvil", "movil", "mobiel", "mobilní",
               "mobiltelefon", "natel", "mobile phone", "telem", "telemóvel", "telemovel", "tlm"}
DIRECT_LABELS = {"t", "tel", "tél", "tel.", "telefon", "telephone", "téléphone", "telefono",
                 "teléfono", "phone", "ph", "p", "o", "off", "office", "d", "dir", "direct",
                 "direct line", "direct dial", "dd", "ddi", "ligne directe", "main", "w", "work",
                 "b", "bureau", "durchwahl", "festnetz", "fon", "tlf", "puh", "switchboard"}
FAX_LABELS = {"f", "fax", "telefax", "télécopie", "fx"}

# A label just before a number ("Tel.", "Mobile:"); fields.py marks it with the number.
LABEL_BEFORE = re.compile(r"([^\W\d_][^\W\d_. ]*(?:[ .][^\W\d_]+)?)[\s.:|/-]*$")
# Letters OCR mistakes for digits inside a run of digits.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                                   "S": "5", "B": "8", "Z": "2"})
_DIGITISH_GROUP = re.compile(r"(?<![^\W\d_])[\dOoDlISBZ|]*\d[\dOoDlISBZ|]*(?![^\W\d_])")

COUNTRY_NAMES = {
    "united states": "US", "usa": "US", "u.s.a.": "US", "united kingdom": "GB", "uk": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "germany": "DE", "deutschland": "DE",
    "france": "FR", "italy": "IT", "italia": "IT", "spain": "ES", "españa": "ES",
    "india": "IN", "ireland": "IE", "éire": "IE", "denmark": "DK", "danmark": "DK",
    "sweden": "SE", "sverige": "SE", "norway": "NO", "norge": "NO", "finland": "FI",
    "netherlands": "NL", "nederland": "NL", "belgium": "BE", "belgique": "BE",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "austria": "AT", "österreich": "AT",
    "poland": "PL", "polska": "PL", "portugal": "PT", "romania": "RO", "românia": "RO",
    "czech republic": "CZ", "czechia": "CZ", "česko": "CZ", "canada": "CA", "australia": "AU",
    "new zealand": "NZ", "japan": "JP", "singapore": "SG", "brazil": "BR", "brasil": "BR",
    "mexico": "MX", "méxico": "MX", "south africa": "ZA", "israel": "IL", "greece": "GR",
    "hungary": "HU", "luxembourg": "LU", "united arab emirates": "AE", "uae": "AE",
    "saudi arabia": "SA", "qatar": "QA", "china": "CN", "hong kong": "HK", "korea": "KR",
    "south korea": "KR", "taiwan": "TW",
}
# Top-level domains that are not the country's code for phones.
_TLD_REGION = {"uk": "GB"}
_GENERIC_TLDS = {"io", "co", "me", "tv", "ai", "fm", "ly", "to", "cc", "ws", "la", "gg", "sh"}


class Kind(Enum):
    DIRECT = "direct"
    CELL = "cell"
    FAX = "fax"


@dataclass(frozen=True)
class FoundPhone:
    number: str  # international form, e.g. "+44 20 7946 0958"
    kind: Kind
    labelled: bool  # a printed label decided the kind, not the number's type


def international(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


_LABEL_AFTER = re.compile(r"^\s*[(\[]\s*([^\W\d_][^\W\d_. ]*)\s*[)\]]")


def _label_kind(prefix: str, suffix: str = "") -> Kind | None:
    """The kind a label says: the one printed before the number ("M +44 …"), else one
    in brackets after it ("650-555-0148 (cell)")."""
    match = LABEL_BEFORE.search(prefix)
    kind = _kind_of(match.group(1)) if match else None
    if kind is None:
        after = _LABEL_AFTER.match(suffix)
        kind = _kind_of(after.group(1)) if after else None
    return kind


def _kind_of(label: str) -> Kind | None:
    words = label.lower().replace(".", " ").split()
    for size in (2, 1):  # "direct line" before "line"
        label = " ".join(words[-size:])
        if label in FAX_LABELS:
            return Kind.FAX
        if label in CELL_LABELS:
            return Kind.CELL
        if label in DIRECT_LABELS:
            return Kind.DIRECT
    return None


def repair_digits(text: str) -> str:
    """Undo OCR's letters-for-digits inside phone-like runs ("O2O 7946" → "020 7946")."""
    if sum(c.isdigit() for c in text) < 6:
        return text

    def repair(match: re.Match) -> str:
        group = match.group(0)
        # a group of digits with a stray letter or two, not a word with a digit in it
        digits = sum(c.isdigit() for c in group)
        if len(group) >= 3 and len(group) - digits <= 2 and digits >= 1:
            return group.translate(_DIGIT_LOOKALIKES)
        return group

    return _DIGITISH_GROUP.sub(repair, text)


def find_phones(text: str, region: str) -> list[tuple[FoundPhone, int, int]]:
    """Each phone number in one line of text, with its span in the text (a label in
    brackets after it included)."""
    found = []
    text = repair_digits(text)
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        number, end = match.number, match.end
        kind = _label_kind(text[:match.start], text[match.end:])
        after = _LABEL_AFTER.match(text[match.end:])
        if kind is not None and after and _kind_of(after.group(1)) is kind:
            end += after.end()
        labelled = kind is not None
        if kind is None:
            kind = Kind.CELL if phonenumbers.number_type(number) == PhoneNumberType.MOBILE else Kind.DIRECT
        found.append((FoundPhone(international(number), kind, labelled), match.start, end))
    return found


def region_of_card(texts: list[str], domains: list[str], default: str) -> str:
    """The country a card's national numbers belong to, from what else it says."""
    for text in texts:  # a number written with its country code
        for match in phonenumbers.PhoneNumberMatcher(repair_digits(text), None):
            region = phonenumbers.region_code_for_number(match.number)
            if region and region != "001":
                return region
    for domain in domains:
        tld = domain.rsplit(".", 1)[-1].lower()
        region = _TLD_REGION.get(tld, tld.upper())
        if tld not in _GENERIC_TLDS and region in phonenumbers.SUPPORTED_REGIONS:
            return region
    for text in texts:
        region = COUNTRY_NAMES.get(text.strip().strip(".").lower())
        if region:
            return region
    return default
