"""Words that tell a job title or a firm from a person's name, and text folding."""

from __future__ import annotations

import re
import unicodedata

TITLE_WORDS = {
    "manager", "management", "director", "directrice", "directeur", "direttore", "head", "lead",
    "leader", "engineer", "engineering", "ingénieur", "ingénieure", "ingenieur", "developer",
    "recruiter", "recruiting", "recruitment", "recrutement", "talent", "partner", "president",
    "vp", "vice", "chief", "officer", "founder", "co-founder",
    "coordinator", "specialist", "generalist", "consultant", "analyst", "executive",
    "assistant", "receptionist", "reception", "owner", "architect", "designer", "scientist",
    "hr", "human", "people", "operations", "sales", "account", "associate", "principal",
    "staff", "senior", "sr", "junior", "jr", "intern", "advisor", "adviser", "administrator",
    "responsable", "responsabile", "chargé", "chargée", "leiter", "leiterin", "referent",
    "referentin", "geschäftsführer", "geschäftsführerin", "ressources", "humaines", "risorse",
    "umane", "product", "qa", "tester", "representative", "secretary", "editor", "professor",
    "programme", "program", "project", "marketing", "finance", "counsel", "attorney",
    "recruteur", "recruteuse", "développeur", "développeuse", "entwickler", "entwicklerin",
    "berater", "beraterin", "sachbearbeiter", "sachbearbeiterin", "gerente", "jefe",
    "desarrollador", "ingeniero", "technical", "business", "office", "team", "teamleiterin",
    "teamleiter", "personalreferentin", "personalreferent",
}
C_SUITE = re.compile(r"c[efiot]o")  # the chief executive's, finance, information, operations, technology
TITLE_SUFFIXES = ("leiter", "leiterin", "referent", "referentin", "entwickler", "entwicklerin",
                  "manager", "berater", "beraterin", "ingenieur", "ingenieurin", "führer",
                  "führerin")
LEGAL_SUFFIXES = {
    "inc", "llc", "llp", "ltd", "limited", "plc", "gmbh", "ag", "kg", "se", "sa", "sas",
    "sarl", "s.a", "s.p.a", "spa", "srl", "s.r.l", "s.r.o", "bv", "b.v", "nv", "n.v", "ab",
    "a/s", "as", "oy", "pvt", "pty", "corp", "co", "kk", "aps", "gmbh & co. kg", "lp", "pc",
    "pllc", "ug", "e.v", "sl", "s.l", "kft", "zrt", "sp. z o.o", "oü", "lda", "ltda",
}
FIRM_WORDS = {
    "analytics", "labs", "lab", "systems", "software", "digital", "media", "capital",
    "partners", "consulting", "robotics", "health", "healthcare", "games", "payments", "cloud",
    "transit", "freight", "group", "groupe", "gruppo", "studios", "studio", "architects",
    "outdoor", "technologies", "technology", "tech", "solutions", "bank", "holdings",
    "ventures", "medical", "logistics", "logistik", "energy", "energi", "data", "company",
    "corporation", "industries", "associates", "agency", "network", "networks", "services",
    "international", "global", "foods", "motors", "pharma", "bio", "insurance", "foundation",
    "university", "institute", "hospital", "clinic", "société", "atelier", "numérique",
    "vetreria", "maps",
}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la",
                  "le", "dos", "das", "bin", "al", "el", "ten", "ter", "y", "zu"}
HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "ing", "dipl"}

_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})


def fold(text: str) -> str:
    """Lower case without accents, for comparing: "Zoë Müller" → "zoe muller"."""
    text = text.lower().translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def words_of(text: str) -> list[str]:
    return [w.strip(".,;:()'\"").lower() for w in text.split() if w.strip(".,;:()'\"")]


def has_title_word(text: str) -> bool:
    words = [w.strip("-/&") for w in words_of(text.replace(",", " ").replace("/", " "))]
    return any(w in TITLE_WORDS or w.endswith(TITLE_SUFFIXES) or C_SUITE.fullmatch(w) for w in words)


def has_legal_suffix(text: str) -> bool:
    words = [w.rstrip(".") for w in words_of(text)]
    if not words:
        return False
    tail = words[-1]
    return tail in LEGAL_SUFFIXES or (len(words) > 1 and f"{words[-2]} {tail}" in LEGAL_SUFFIXES)


def has_firm_word(text: str) -> bool:
    return any(w.rstrip(".") in FIRM_WORDS for w in words_of(text))


def tidy_case(text: str) -> str:
    """A logo in capitals or all lower case, in ordinary case; legal forms kept as known."""
    if not (text.isupper() or text.islower()) or not any(c.isalpha() for c in text):
        return text
    known = {s.replace(".", ""): s for s in ("GmbH", "AG", "AB", "SA", "SAS", "LLC", "LLP",
                                               "PLC", "BV", "NV", "KG", "SE", "SRL", "AS")}
    out = []
    for word in text.split():
        key = word.rstrip(".").lower()
        match = next((v for k, v in known.items() if k.lower() == key), None)
        out.append(match if match else (word[:1].upper() + word[1:].lower()))
    return " ".join(out)
