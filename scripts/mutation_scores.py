"""Score per module from ``mutmut results --all true`` on stdin, as a Markdown table.

A mutant counts as killed when a test failed on it (``killed``) or it ran past the time
limit (``timeout``: an endless loop is caught, too). A survivor listed as equivalent in
tests/MUTATION.md (a line ``- `module.x_function__mutmut_N`: why``) behaves exactly like
the original and is left out of the score, as are mutants not run yet (``not checked``,
an interrupted run). Everything else, other survivors and mutants no selected test
reaches (``no tests``), counts against it: score = killed / (run - equivalent).
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

CAUGHT = {"killed", "timeout"}
# dashboard.views.participation.x_funnel__mutmut_3, dashboard.state.xǁDashboardStateǁclear__mutmut_1
NAME = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+?)\.xǁ?\w*?__mutmut_\d+): (?P<status>.+)$")
EQUIVALENT = re.compile(r"^- `(?P<name>[\w.ǁ]+__mutmut_\d+)`:", re.MULTILINE)
NOTES = Path(__file__).resolve().parents[1] / "tests" / "MUTATION.md"


def equivalents(notes: Path = NOTES) -> set[str]:
    """The mutants listed under tests/MUTATION.md's "## Equivalent" heading, as named."""
    text = notes.read_text(encoding="utf-8") if notes.exists() else ""
    section = text.partition("\n## Equivalent")[2].partition("\n## ")[0]
    return {"dashboard." + m["name"] for m in EQUIVALENT.finditer(section)}


def main() -> int:
    listed = equivalents()
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in sys.stdin:
        match = NAME.match(line)
        if match:
            status = match["status"].strip()
            if status == "survived" and match["name"] in listed:
                status = "equivalent"
            by_module[match["module"]][status] += 1
    if not by_module:
        print("no mutmut results: run scripts/mutation first", file=sys.stderr)
        return 2
    print("| module | mutants | killed | survived | equivalent | no tests | not run | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    total = Counter()
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        print(_row(module, counts))
    print(_row("**total**", total))
    return 0


def _row(name: str, counts: Counter) -> str:
    n = sum(counts.values())
    scored = n - counts["not checked"] - counts["equivalent"]
    killed = sum(counts[s] for s in CAUGHT)
    score = f"{killed / scored:.1%}" if scored else "–"
    return (
        f"| {name} | {n} | {killed} | {counts['survived']} | {counts['equivalent']} "
        f"| {counts['no tests']} | {counts['not checked']} | {score} |"
    )


if __name__ == "__main__":
    sys.exit(main())
