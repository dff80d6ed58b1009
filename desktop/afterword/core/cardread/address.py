"""The postal address on a card: a block of lines around the one with the postcode.

Shapes: US ("San Francisco, CA 94105"), UK ("London EC2V 7NQ"), Irish Eircodes,
continental Europe ("10117 Berlin", "111 43 Stockholm", "20121 Milano MI"), India
("Bengaluru 560103"); street lines above it ("500 Market Street, Suite 1200",
"Friedrichstraße 123", "8 rue de Rivoli") and a country line below it.
"""

from __future__ import annotations

import re

from afterword.core.cardread.phones import COUNTRY_NAMES

US_CITY = re.compile(r"[A-Za-z.]+,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b")
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
EIRCODE = re.compile(r"\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4}\b")
# 10117 Berlin, 400114 Cluj, 00-514 Warszawa, 1250-146 Lisboa, D-50667 Köln
EU_CITY = re.compile(r"^(?:[A-Z]{1,2}-)?(?:\d{4,6}|\d{2}-\d{3}|\d{4}-\d{3})\s+[^\W\d_]{2,}")
NORDIC_CITY = re.compile(r"^\d{3}\s\d{2}\s+[^\W\d_]{2,}")  # 111 43 Stockholm, 110 00 Praha
CITY_PIN = re.compile(r"^[^\W\d_][^\W\d_ .-]+(?:[ -][^\W\d_]+)*[\s,-]+\d{6}$")  # Mumbai 400051
DUBLIN = re.compile(r"\bDublin\s+\d{1,2}\b")

STREET_WORDS = {
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane",
    "ln", "way", "place", "pl", "square", "sq", "court", "ct", "parkway", "pkwy", "highway",
    "hwy", "suite", "ste", "floor", "fl", "unit", "building", "bldg", "tower", "house", "park",
    "plaza", "terrace", "row", "hill", "wharf", "quay", "complex", "phase", "sector", "nagar",
    "marg", "estate", "centre", "center", "po", "box", "rue", "quai", "cours", "cyber",
    "allée", "chemin", "impasse", "via", "viale", "piazza", "corso", "calle", "strada",
    "straße", "strasse", "str", "gasse", "weg", "platz", "allee", "ring", "damm", "ufer",
    "gatan", "vägen", "gade", "vej", "gate", "veien", "náměstí", "ulica", "ul", "rua", "plein",
    "straat", "laan", "gracht", "level", "kloster",
}
STREET_SUFFIXES = ("straße", "strasse", "str.", "gasse", "weg", "platz", "allee", "gatan",
                   "vägen", "gade", "vej", "straat", "laan", "kloster", "ring", "damm")


def is_city_line(text: str) -> bool:
    """The line with the postcode and town (the anchor of an address block)."""
    text = text.strip()
    return bool(US_CITY.search(text) or UK_POSTCODE.search(text) or EIRCODE.search(text)
                or EU_CITY.match(text) or NORDIC_CITY.match(text) or CITY_PIN.match(text)
                or DUBLIN.search(text))


def is_town_line(text: str) -> bool:
    """A short line of words alone ("Dubai"): the town above a country, where no postcode is."""
    words = text.split()
    return 1 <= len(words) <= 3 and not re.search(r"[\d@/:]", text) and text[:1].isupper()


def is_country_line(text: str) -> bool:
    return text.strip().strip(".").lower() in COUNTRY_NAMES


def is_street_line(text: str) -> bool:
    """A line that reads like a street, a building or a floor."""
    words = re.findall(r"[^\W_]+\.?", text.lower())
    bare = [w.rstrip(".") for w in words]
    if any(w in STREET_WORDS for w in bare):
        return True
    if any(w.endswith(STREET_SUFFIXES) for w in bare):
        return True
    # "Domkloster 4", "45 W 300 S": a house number and a name, no long run of digits
    has_number = re.search(r"(^|\s)\d{1,5}[a-zA-Z]?(,|\s|$)", text) is not None
    letters = sum(c.isalpha() for c in text)
    starts_with_number = re.match(r"\d{1,5}\s+\w", text.strip()) is not None
    return (has_number and (letters >= 3 or starts_with_number)
            and len(re.sub(r"\D", "", text)) <= 6)


def is_us_address(text: str) -> bool:
    return US_CITY.search(text) is not None
