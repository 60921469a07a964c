"""Build data/reference/countries.csv, the reference data behind the store's `countries` table.

Countries and their codes come from pycountry (ISO 3166-1). The M49 regions and the UN
regional groups are not in pycountry, so they are written out below; see
data/reference/README.md for their sources and for the judgement calls.

Run from the repository root:  python scripts/build_countries_reference.py
It rewrites the CSV and prints the counts per region, sub-region and regional group; it
stops with an error if the regional-group totals are not the published ones.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "data" / "reference" / "countries.csv"
COLUMNS = ["iso3", "iso2", "name", "m49_code", "region", "sub_region", "un_regional_group"]

# UN M49 (UNSD, "Standard country or area codes for statistical use"): sub-region ->
# (region, ISO 3166-1 alpha-3 codes). Intermediate regions (Eastern Africa, Caribbean, ...)
# are folded into their sub-regions (Sub-Saharan Africa, Latin America and the Caribbean).
M49: dict[str, tuple[str, str]] = {
    "Northern Africa": ("Africa", "DZA EGY ESH LBY MAR SDN TUN"),
    "Sub-Saharan Africa": (
        "Africa",
        "AGO ATF BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI ERI ETH GAB GHA GIN GMB "
        "GNB GNQ IOT KEN LBR LSO MDG MLI MOZ MRT MUS MWI MYT NAM NER NGA REU RWA SEN SHN "
        "SLE SOM SSD STP SWZ SYC TCD TGO TZA UGA ZAF ZMB ZWE",
    ),
    "Latin America and the Caribbean": (
        "Americas",
        "ABW AIA ARG ATG BES BHS BLM BLZ BOL BRA BRB BVT CHL COL CRI CUB CUW CYM DMA DOM "
        "ECU FLK GLP GRD GTM GUF GUY HND HTI JAM KNA LCA MAF MEX MSR MTQ NIC PAN PER PRI "
        "PRY SGS SLV SUR SXM TCA TTO URY VCT VEN VGB VIR",
    ),
    "Northern America": ("Americas", "BMU CAN GRL SPM USA"),
    "Central Asia": ("Asia", "KAZ KGZ TJK TKM UZB"),
    # TWN is not listed by UNSD; placed in Eastern Asia on geography (see README).
    "Eastern Asia": ("Asia", "CHN HKG JPN KOR MAC MNG PRK TWN"),
    "South-eastern Asia": ("Asia", "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM"),
    "Southern Asia": ("Asia", "AFG BGD BTN IND IRN LKA MDV NPL PAK"),
    "Western Asia": (
        "Asia",
        "ARE ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    ),
    "Eastern Europe": ("Europe", "BGR BLR CZE HUN MDA POL ROU RUS SVK UKR"),
    "Northern Europe": (
        "Europe",
        "ALA DNK EST FIN FRO GBR GGY IMN IRL ISL JEY LTU LVA NOR SJM SWE",
    ),
    "Southern Europe": (
        "Europe",
        "ALB AND BIH ESP GIB GRC HRV ITA MKD MLT MNE PRT SMR SRB SVN VAT",
    ),
    "Western Europe": ("Europe", "AUT BEL CHE DEU FRA LIE LUX MCO NLD"),
    "Australia and New Zealand": ("Oceania", "AUS CCK CXR HMD NFK NZL"),
    "Melanesia": ("Oceania", "FJI NCL PNG SLB VUT"),
    "Micronesia": ("Oceania", "FSM GUM KIR MHL MNP NRU PLW UMI"),
    "Polynesia": ("Oceania", "ASM COK NIU PCN PYF TKL TON TUV WLF WSM"),
}
# In ISO 3166-1 but in no M49 region: region and sub-region left empty.
NO_M49_REGION = {"ATA"}

# UN regional groups of Member States (UN DGACM, "Regional groups of Member States").
# Türkiye sits in both WEOG and Asia-Pacific but counts as WEOG for elections: WEOG here.
# The United States belongs to no group; it attends WEOG as an observer and counts as WEOG
# for elections, so it is given WEOG here (see README). Observers (Holy See, State of
# Palestine) and territories have no group.
UN_GROUPS: dict[str, str] = {
    "African States": (
        "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG CIV COD DJI EGY GNQ ERI SWZ ETH "
        "GAB GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA "
        "STP SEN SYC SLE SOM ZAF SSD SDN TGO TUN UGA TZA ZMB ZWE"
    ),
    "Asia-Pacific States": (
        "AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KIR KWT KGZ "
        "LAO LBN MYS MDV MHL FSM MNG MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP "
        "SLB LKA SYR TJK THA TLS TON TKM TUV ARE UZB VUT VNM YEM"
    ),
    "Eastern European States": (
        "ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE MKD POL MDA ROU RUS SRB "
        "SVK SVN UKR"
    ),
    "Latin American and Caribbean States": (
        "ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND "
        "JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN"
    ),
    "Western European and other States": (
        "AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ISR ITA LIE LUX MLT MCO NLD NZL "
        "NOR PRT SMR ESP SWE CHE TUR GBR USA"
    ),
}
# Published totals (members only; WEOG's 28 do not include the United States).
EXPECTED_GROUP_SIZES = {
    "African States": 54,
    "Asia-Pacific States": 54,
    "Eastern European States": 23,
    "Latin American and Caribbean States": 33,
    "Western European and other States": 28 + 1,  # + the United States
}
UN_MEMBER_STATES = 193


# Areas the UN lists that ISO 3166-1 does not: a user-assigned code, as the World Bank,
# the EU and Kosovo's own institutions use it, and the name the UN uses. Kosovo has no M49
# code; it is in Southern Europe, and in no regional group (not a Member State).
NOT_IN_ISO = [
    {
        "iso3": "XKX",
        "iso2": "XK",
        "name": "Kosovo (under UNSC resolution 1244)",
        "m49_code": "",
        "region": "Europe",
        "sub_region": "Southern Europe",
        "un_regional_group": "",
    }
]


def _invert(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, codes in table.items():
        for code in codes.split():
            if code in out:
                raise SystemExit(f"{code} listed twice ({out[code]!r} and {key!r})")
            out[code] = key
    return out


def build_rows() -> list[dict[str, str]]:
    sub_region_of = _invert({sub: codes for sub, (_, codes) in M49.items()})
    region_of_sub = {sub: region for sub, (region, _) in M49.items()}
    group_of = _invert(UN_GROUPS)

    iso3_all = {c.alpha_3 for c in pycountry.countries}
    unknown = (set(sub_region_of) | set(group_of) | NO_M49_REGION) - iso3_all
    if unknown:
        raise SystemExit(f"codes not in ISO 3166-1 (pycountry): {sorted(unknown)}")
    missing = iso3_all - set(sub_region_of) - NO_M49_REGION
    if missing:
        raise SystemExit(f"ISO 3166-1 codes with no M49 sub-region: {sorted(missing)}")

    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        sub = sub_region_of.get(c.alpha_3, "")
        rows.append(
            {
                "iso3": c.alpha_3,
                "iso2": c.alpha_2,
                "name": getattr(c, "common_name", None) or c.name,
                "m49_code": f"{int(c.numeric):03d}",
                "region": region_of_sub.get(sub, ""),
                "sub_region": sub,
                "un_regional_group": group_of.get(c.alpha_3, ""),
            }
        )
    return sorted(rows + NOT_IN_ISO, key=lambda r: r["iso3"])


def check_and_report(rows: list[dict[str, str]]) -> None:
    print(f"rows: {len(rows)}")
    for column in ("region", "sub_region", "un_regional_group"):
        counts = Counter(r[column] or "(empty)" for r in rows)
        print(f"\n{column}:")
        for value, n in sorted(counts.items()):
            print(f"  {n:4d}  {value}")
    groups = Counter(r["un_regional_group"] for r in rows if r["un_regional_group"])
    problems = [
        f"{g}: {groups.get(g, 0)} (expected {n})"
        for g, n in EXPECTED_GROUP_SIZES.items()
        if groups.get(g, 0) != n
    ]
    if sum(groups.values()) != UN_MEMBER_STATES:
        problems.append(f"{sum(groups.values())} states in groups (expected {UN_MEMBER_STATES})")
    if problems:
        raise SystemExit("regional group totals are wrong: " + "; ".join(problems))


def main() -> int:
    rows = build_rows()
    check_and_report(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwrote {OUT.relative_to(OUT.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
