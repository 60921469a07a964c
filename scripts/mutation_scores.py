"""Score per module from ``mutmut results --all true`` on stdin, as a Markdown table.

A mutant counts as killed when a test failed on it (``killed``) or it ran past the time
limit (``timeout``: an endless loop is caught, too). Everything else, survivors and
mutants no selected test reaches (``no tests``), counts against the score. Mutants not
run yet (``not checked``, an interrupted run) are left out of the score and counted apart.
"""

import re
import sys
from collections import Counter, defaultdict

CAUGHT = {"killed", "timeout"}
# dashboard.views.participation.x_funnel__mutmut_3, dashboard.state.xǁDashboardStateǁclear__mutmut_1
NAME = re.compile(r"^\s*(?P<module>[\w.]+?)\.xǁ?\w*?__mutmut_\d+: (?P<status>.+)$")


def main() -> int:
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in sys.stdin:
        match = NAME.match(line)
        if match:
            by_module[match["module"]][match["status"].strip()] += 1
    if not by_module:
        print("no mutmut results: run scripts/mutation first", file=sys.stderr)
        return 2
    print("| module | mutants | killed | survived | no tests | not run | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    total = Counter()
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        print(_row(module, counts))
    print(_row("**total**", total))
    return 0


def _row(name: str, counts: Counter) -> str:
    n = sum(counts.values())
    run = n - counts["not checked"]
    killed = sum(counts[s] for s in CAUGHT)
    score = f"{killed / run:.1%}" if run else "–"
    return (
        f"| {name} | {n} | {killed} | {counts['survived']} | {counts['no tests']} "
        f"| {counts['not checked']} | {score} |"
    )


if __name__ == "__main__":
    sys.exit(main())
