"""Finding the questions a registration form asked, whatever their wording.

Forms and Indico put each question in a column headed by the question as the organizer
typed it ("Name of your organization", "Type d'organisation", "País"). These fragments,
in English, French and Spanish, find the columns the dashboard needs; the order matters
("Type of organization" is the sector, not the organization).
"""

from __future__ import annotations

from ..records import Columns

EMAIL = ("email", "e mail", "courriel", "adresse electronique", "correo", "correo electronico")
SECTOR = (
    "sector",
    "secteur",
    "type of organization",
    "type of organisation",
    "organization type",
    "organisation type",
    "type of entity",
    "type d organisation",
    "type d organisme",
    "type d entite",
    "tipo de organizacion",
    "tipo de entidad",
    "category",
    "categorie",
    "categoria",
    "stakeholder group",
    "stakeholder type",
)
ORGANIZATION = (
    "organization",
    "organisation",
    "organizacion",
    "organisme",
    "entity",
    "entite",
    "entidad",
    "institution",
    "institucion",
    "affiliation",
    "afiliacion",
    "company",
    "entreprise",
    "empresa",
)
COUNTRY = ("country", "pays", "pais")
MODE = (
    "attend",
    "attendance",
    "in person or online",
    "participation",
    "participate",
    "modalite",
    "modalidad",
    "en personne",
    "presentiel",
    "presencial",
    "format",
)
FIRST_NAME = ("first name", "given name", "prenom", "nombre s", "nombres")
LAST_NAME = ("last name", "surname", "family name", "nom de famille", "apellido", "apellidos")
NAME = (
    "full name",
    "your name",
    "name",
    "nom complet",
    "nom et prenom",
    "prenom et nom",
    "votre nom",
    "nom",
    "nombre completo",
    "nombre y apellido",
    "nombre y apellidos",
    "nombre",
)


def find_questions(columns: Columns, skip: set[int]) -> dict[str, int]:
    """Field -> column index for the questions found among the columns not in ``skip``."""
    found: dict[str, int] = {}
    for field, fragments in (
        ("email", EMAIL),
        ("sector", SECTOR),
        ("organization", ORGANIZATION),
        ("country", COUNTRY),
        ("mode", MODE),
        ("first_name", FIRST_NAME),
        ("last_name", LAST_NAME),
        ("name", NAME),
    ):
        index = columns.find_containing(*fragments, exclude=skip | set(found.values()))
        if index is not None:
            found[field] = index
    return found
