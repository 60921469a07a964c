"""Normalizers for the values found in exports: text, e-mails, names, organizations,
yes/no answers, roles, modes, durations, dates and countries.

Each function takes a cell as read and returns the normalized value, ``None`` when the
cell is empty, or raises ``ValueError`` with a reason a staff member can act on.
"""

from __future__ import annotations

import csv
import gettext
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

import pycountry

from ..domain import ROLES
from ..text import fold, normalized_name

# -- text ---------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str | None:
    """Cell -> trimmed text with single spaces; None for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()
    return text or None


# -- e-mail ------------------------------------------------------------------------------

# RFC 6531: local parts and domains may hold any letters and digits, not only ASCII ones
# (\w is Unicode-aware); a domain may also come as IDNA ('xn--...') labels.
EMAIL_PATTERN = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_ONLY = re.compile(rf"^{EMAIL_PATTERN.pattern}$")
_ANONYMOUS = {"anonymous", "anonyme", "anonimo", "anónimo"}


def normalize_email(value: object) -> str | None:
    """' Jane.Doe@Example.org ' -> 'jane.doe@example.org', 'José@Exämple.es' ->
    'josé@exämple.es' (an IDNA domain in its Unicode form); ValueError if not an address."""
    text = clean(value)
    if text is None or fold(text) in _ANONYMOUS:
        return None
    text = re.sub(r"^mailto:", "", text, flags=re.I).strip("<> ")
    if not _EMAIL_ONLY.match(text):
        raise ValueError("not an e-mail address")
    local, _, domain = text.lower().rpartition("@")
    return f"{local}@{unicode_domain(domain) if 'xn--' in domain else domain}"


def unicode_domain(domain: str) -> str:
    """'xn--exmple-cua.es' -> 'exämple.es': one spelling per mailbox; as given otherwise."""
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def loose_email(value: object) -> str | None:
    """Text that is no valid address but names a mailbox ('kim@example'), lower case, to
    derive a pseudonym from; None unless something stands on each side of an '@'."""
    text = clean(value)
    if text is None:
        return None
    local, _, domain = text.partition("@")
    return text.lower() if local and domain.strip("@") else None


def email_or_none(value: object) -> str | None:
    """The address if the cell holds a valid one, else None (for optional columns)."""
    try:
        return normalize_email(value)
    except ValueError:
        return None


# -- people and organizations --------------------------------------------------------------

_NAME_MARKERS = re.compile(
    r"\s*[(\[](external|externe|externo|guest|invite|invité|invitado|"
    r"unverified|non verifie|non vérifié|no verificado)[)\]]\s*$",
    re.I,
)


def display_name(value: object) -> str | None:
    """A person's name without the markers Teams and Zoom append ('(External)', '(Guest)')."""
    text = clean(value)
    while text and _NAME_MARKERS.search(text):
        text = _NAME_MARKERS.sub("", text).strip() or None
    return text


def person_key(value: object) -> str | None:
    """A name folded for matching: 'Doe, Jane (External)' and 'jane DOE' give 'doe jane'."""
    text = display_name(value)
    if text is None:
        return None
    words = normalized_name(text).split()
    return " ".join(sorted(words)) or None


def organization_key(value: object) -> str | None:
    """An organization name folded for matching (accents, case, punctuation, spaces)."""
    text = clean(value)
    return normalized_name(text) or None if text else None


# -- yes / no, roles, modes ------------------------------------------------------------------

_YES = {
    "yes",
    "y",
    "true",
    "1",
    "x",
    "oui",
    "o",
    "vrai",
    "si",
    "sí",
    "s",
    "verdadero",
    "checked",
    "registered",
    "attended",
    "present",
    "présent",
    "presente",
}
_NO = {"no", "n", "false", "0", "non", "faux", "falso", "absent", "ausente", "-"}


@lru_cache(maxsize=4096)  # exports repeat the same few values
def parse_yes_no(value: object) -> bool | None:
    """'Yes'/'oui'/'sí'/'1'/True -> True, 'No'/'non'/'0' -> False, empty -> None."""
    if isinstance(value, bool):
        return value
    text = clean(value)
    if text is None:
        return None
    folded = fold(text)
    if folded in {fold(v) for v in _YES}:
        return True
    if folded in {fold(v) for v in _NO}:
        return False
    raise ValueError(f"'{text}' is not yes or no")


# Strongest first: when one person has several roles in a file, the first listed wins.
ROLE_PRECEDENCE = {"organizer": 0, "chair": 1, "panellist": 2, "speaker": 3, "participant": 4}
_ROLE_LABELS = {
    "chair": "chair",
    "chairperson": "chair",
    "president": "chair",
    "présidente": "chair",
    "presidente": "chair",
    "moderator": "chair",
    "modérateur": "chair",
    "moderador": "chair",
    "panellist": "panellist",
    "panelist": "panellist",
    "panéliste": "panellist",
    "panelista": "panellist",
    "speaker": "speaker",
    "presenter": "speaker",
    "présentateur": "speaker",
    "presentateur": "speaker",
    "intervenant": "speaker",
    "orador": "speaker",
    "presentador": "speaker",
    "ponente": "speaker",
    "participant": "participant",
    "attendee": "participant",
    "participante": "participant",
    "asistente": "participant",
    "participant(e)": "participant",
    "guest": "participant",
    "organizer": "organizer",
    "organiser": "organizer",
    "co-organizer": "organizer",
    "co-organiser": "organizer",
    "organisateur": "organizer",
    "coorganisateur": "organizer",
    "co-organisateur": "organizer",
    "organizador": "organizer",
    "coorganizador": "organizer",
    "host": "organizer",
    "co-host": "organizer",
}
_ROLE_FOLDED = {fold(k): v for k, v in _ROLE_LABELS.items()}


@lru_cache(maxsize=4096)  # exports repeat the same few values
def parse_role(value: object) -> str | None:
    """'Presenter' -> 'speaker', 'Organizer' -> 'organizer', empty -> None."""
    text = clean(value)
    if text is None:
        return None
    role = _ROLE_FOLDED.get(fold(text))
    if role is None:
        raise ValueError(f"'{text}' is not a role ({', '.join(ROLES)})")
    return role


_MODE_LABELS = {
    "in person": "in person",
    "in-person": "in person",
    "onsite": "in person",
    "on site": "in person",
    "on-site": "in person",
    "physical": "in person",
    "en personne": "in person",
    "en presentiel": "in person",
    "presentiel": "in person",
    "sur place": "in person",
    "presencial": "in person",
    "en persona": "in person",
    "online": "online",
    "on-line": "online",
    "virtual": "online",
    "virtually": "online",
    "remote": "online",
    "remotely": "online",
    "en ligne": "online",
    "virtuel": "online",
    "a distance": "online",
    "en linea": "online",
    "a distancia": "online",
}


_HYBRID = re.compile(r"(^|[^a-z])(hybrid|hybride|hibrido|both|les deux|ambos)([^a-z]|$)")


@lru_cache(maxsize=4096)  # exports repeat the same few values
def parse_mode(value: object) -> str | None:
    """'In person (Vienna)' -> 'in person', 'En ligne' -> 'online', empty -> None.

    'Hybrid' or an answer naming both modes says nothing about how the person took part:
    None (not known), rather than a guess.
    """
    text = clean(value)
    if text is None:
        return None
    folded = fold(text)
    found = {
        mode
        for label, mode in _MODE_LABELS.items()
        if re.search(rf"(^|[^a-z]){re.escape(label)}([^a-z]|$)", folded)
    }
    if len(found) == 2 or (not found and _HYBRID.search(folded)):
        return None
    if not found:
        raise ValueError(f"'{text}' is not 'in person' or 'online'")
    return found.pop()


# -- durations -----------------------------------------------------------------------------

_UNIT = {"h": 3600, "m": 60, "s": 1}
_DURATION_PART = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|heure|heures|hora|horas|"
    r"m|min|mins|minute|minutes|minuto|minutos|"
    r"s|sec|secs|second|seconds|seconde|secondes|segundo|segundos)(?![a-z])"
)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


@lru_cache(maxsize=4096)  # exports repeat the same few values
def parse_duration(value: object) -> int | None:
    """'1h 2m 3s' -> 3723 seconds; also '45m', '12 min 30 s', '1:02:03', '47:03'."""
    text = clean(value)
    if text is None:
        return None
    folded = fold(text)
    clock = _CLOCK.match(folded)
    if clock:
        hours, minutes, seconds = clock.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    parts = _DURATION_PART.findall(folded)
    if not parts or _DURATION_PART.sub("", folded).strip():
        raise ValueError(f"'{text}' is not a duration such as '1h 2m 3s'")
    return round(sum(float(n.replace(",", ".")) * _UNIT[unit[0]] for n, unit in parts))


def parse_minutes(value: object) -> float | None:
    """A number of minutes ('58', '58.5'); ValueError otherwise."""
    text = clean(value)
    if text is None:
        return None
    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"'{text}' is not a number of minutes") from None
    if minutes < 0:
        raise ValueError(f"'{text}' is not a number of minutes")
    return minutes


# -- dates and times -------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_NUMERIC_DT = re.compile(
    r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[,t ]+\s*(\d{1,2})[:.h](\d{2})"
    r"(?:[:.](\d{2})(?:\.\d+)?)?\s*([ap]\.?\s?m\.?)?)?\s*(?:z|utc|[+-]\d{2}:?\d{2})?$"
)
_NAMED_DT = re.compile(
    r"^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:[, ]+\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*([ap]\.?\s?m\.?)?)?$"
)

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


@dataclass(frozen=True)
class _Parts:
    a: int
    b: int
    c: int
    hour: int
    minute: int
    second: int
    meridiem: str | None
    year_first: bool = False
    named: bool = False


def _split_datetime(text: str) -> _Parts | None:
    folded = fold(text)  # NFKD: narrow and non-breaking spaces are plain spaces
    match = _NUMERIC_DT.match(folded)
    named = match is None
    if named:
        match = _NAMED_DT.match(folded)
        if not match or match.group(1) not in _MONTHS:
            return None
    g = match.groups()
    hour, minute, second = (int(n or 0) for n in g[3:6])
    return _Parts(
        _MONTHS[g[0]] if named else int(g[0]),
        int(g[1]),
        int(g[2]),
        hour,
        minute,
        second,
        g[6],  # the meridiem ('pm', 'p.m.', 'a m') or None: only its first letter is read
        year_first=len(g[0]) == 4,  # a named month is three letters
        named=named,
    )


def _build(parts: _Parts, order: str | None) -> datetime | None:
    if parts.year_first:
        year, month, day = parts.a, parts.b, parts.c
    elif parts.named or order == MONTH_FIRST:
        month, day, year = parts.a, parts.b, parts.c
    else:
        day, month, year = parts.a, parts.b, parts.c
    year = year + 2000 if year < 100 else year
    hour = parts.hour
    if parts.meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts.meridiem.startswith("p") else 0)
    try:
        return datetime(year, month, day, hour, parts.minute, parts.second)
    except ValueError:
        return None


def parse_datetime(value: object, order: str | None = DAY_FIRST) -> datetime | None:
    """'5/6/22, 1:02:11 PM' (month-first) or '06/05/2022 13:02:11' (day-first) -> datetime."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = clean(value)
    if text is None:
        return None
    parts = _split_datetime(text)
    result = _build(parts, order) if parts else None
    if result is None:
        raise ValueError(f"'{text}' is not a date and time")
    return result


def resolve_date_order(values: list[object], session_date: date | None) -> str:
    """Day-first or month-first for a whole file, decided by the values themselves.

    A value such as 22/7/2022 can only be day-first; when every value reads both ways,
    the order whose dates fall on the session's date wins; US order is the tie-break
    (it is what the English-language Teams and Zoom exports write).
    """
    impossible: set[str] = set()
    on_session = {DAY_FIRST: 0, MONTH_FIRST: 0}
    for value in values:
        text = clean(value)
        parts = _split_datetime(text) if text and not isinstance(value, (date, datetime)) else None
        if parts is None:
            continue
        for order in on_session:
            built = _build(parts, order)
            if built is None:
                impossible.add(order)
            elif session_date and built.date() == session_date:
                on_session[order] += 1
    possible = [o for o in on_session if o not in impossible]
    if len(possible) == 1:
        return possible[0]
    if on_session[DAY_FIRST] > on_session[MONTH_FIRST]:
        return DAY_FIRST
    return MONTH_FIRST


def parse_date(value: object) -> date | None:
    """'2022-05-06', '06/05/2022' (day-first, as the template documents) -> date."""
    parsed = parse_datetime(value)
    return parsed.date() if parsed else None


# -- countries -------------------------------------------------------------------------------


def _country_key(text: str) -> str:
    key = normalized_name(text)
    return re.sub(r"^(the|la|le|les|el|los|las|l) ", "", key)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Folded name or code -> ISO alpha-3, from pycountry (English, French, Spanish names
    through its gettext catalogues) and the committed alias table."""
    index: dict[str, str] = {}
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("fr", "es")
    ]

    heads: dict[str, set[str]] = {}

    def add(name: str | None, iso3: str) -> None:
        if not name:
            return
        variants = {name}
        if ", " in name:  # 'Korea, Republic of' -> 'Republic of Korea'; 'Korea' if unique
            head, _, tail = name.partition(", ")
            variants.add(f"{tail} {head}")
            heads.setdefault(_country_key(head), set()).add(iso3)
        for variant in variants:
            index.setdefault(_country_key(variant), iso3)

    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        for name in names:
            add(name, iso3)
        for translation in translations:
            for name in names:
                if name:
                    add(translation.gettext(name), iso3)
        for code in (country.alpha_2, country.alpha_3, country.numeric):
            index.setdefault(code.lower(), iso3)
    for head, codes in heads.items():  # 'Congo' stays ambiguous: two countries share it
        if len(codes) == 1:
            index.setdefault(head, codes.pop())
    for row in _alias_rows():  # aliases win over pycountry's partial forms
        index[_country_key(row["name"])] = row["iso3"]
    return index


def reload_countries() -> None:
    """Read the country aliases again at the next look-up (after they were edited)."""
    country_iso3.cache_clear()
    countries_named.cache_clear()
    _country_names.cache_clear()
    _country_index.cache_clear()


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], int]:
    """(folded country name -> ISO alpha-3, most words in a name), names only: 'de', 'in'
    and 'us' are words too."""
    names = {k: v for k, v in _country_index().items() if len(k) > 3 and not k.isdigit()}
    return names, max(len(k.split()) for k in names)


@lru_cache(maxsize=4096)
def countries_named(text: str) -> frozenset[str]:
    """The countries a name mentions: 'Red Cross Society of Nigeria' -> {'NGA'}. Longest
    names first, so 'Papua New Guinea' is not also 'Guinea'; 'Nigeria' is not 'Niger'."""
    words = normalized_name(text).split()
    names, longest = _country_names()
    found, i = set(), 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            iso3 = names.get(" ".join(words[i : i + n]))
            if iso3:
                found.add(iso3)
                i += n
                break
        else:
            i += 1
    return frozenset(found)


def _alias_rows() -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("country_aliases.csv").read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@lru_cache(maxsize=4096)  # exports repeat the same few values
def country_iso3(value: object) -> str | None:
    """'France', 'Allemagne', 'Estados Unidos', 'FR', 'FRA', '250' -> ISO alpha-3."""
    text = clean(value)
    if text is None:
        return None
    index = _country_index()
    for candidate in (text, re.sub(r"\s*\(.*\)\s*$", "", text)):
        key = candidate.lower() if len(candidate) <= 3 else _country_key(candidate)
        iso3 = index.get(key) or index.get(_country_key(candidate))
        if iso3:
            return iso3
    raise ValueError(
        f"'{text}' is not a country name or code we recognise "
        "(English, French or Spanish name, or ISO code)"
    )
