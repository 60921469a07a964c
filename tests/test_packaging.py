"""The project's own promises about itself: Quickstart, CI, settings docs, conda env."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from dashboard.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAMES = {"duckdb": "python-duckdb"}


def _requirement(line: str) -> tuple[str, str]:
    name, spec = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(.*)", line).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [
        *project["dependencies"],
        *(d for extra in project["optional-dependencies"].values() for d in extra),
    ]
    pip_names = {_requirement(d) for d in wanted if not d.startswith(project["name"])}
    listed = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda = {_requirement(d) for d in listed if isinstance(d, str)} - {
        _requirement(d)
        for d in listed
        if isinstance(d, str) and _requirement(d)[0] in {"python", "pip"}
    }
    as_conda = {(CONDA_NAMES.get(n, n), s) for n, s in pip_names}
    assert as_conda == conda


def _quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_quickstart_serves_and_tests():
    serve, test = _quickstart_commands()[:2]
    assert "panel serve dashboard/app.py" in serve and "pip install" in serve
    assert "pytest" in test and "pip install" in test and "install-browser" in test


def test_ci_runs_exactly_the_readme_test_command():
    test = _quickstart_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert test in ci.splitlines()


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert f"`{setting.env}`" in readme, f"{setting.env} is not in the README's settings table"
