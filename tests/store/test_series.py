"""A new series without code: only series.csv and the meetings are required, and
`dialogues series new` writes a folder that builds; the dashboard shows the series."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.cli import main
from dashboard.config import get_settings
from dashboard.data import DataSource
from dashboard.queries import Filters
from dashboard.store.build import OPTIONAL_FILES, REQUIRED_FILES, build_store
from dashboard.store.connection import connect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(get_settings().data_dir / "reference", folder / "reference")
    shutil.copytree(get_settings().data_dir / "series", folder / "series")
    return folder


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def meetings_and_figures_only(data_dir: Path) -> None:
    """The 2024 series: its meetings and one published figure, nothing else."""
    write(
        data_dir / "series/2024/series.csv", "series_id,title,year\nCD-2024,Dialogues 2024,2024\n"
    )
    write(
        data_dir / "series/2024/meetings_2024.csv",
        """
        meeting_id,date,title
        CD-2024-A,2024-03-04,Constructive Dialogue on Firearms
        CD-2024-B,2024-06-10,Constructive Dialogue on Cybercrime
        """,
    )
    write(
        data_dir / "series/2024/published_figures_2024.csv",
        """
        figure_id,meeting_id,measure,unit,population,qualifier,value,source_title,source_publisher,source_date,source_url
        G2024-1,CD-2024-A,registered,organizations,non-governmental stakeholders,over,20,Note,UNODC,2024-03-20,
        """,  # noqa: E501
    )


def test_a_series_of_meetings_and_figures_only_is_shown(data_dir, tmp_path):
    meetings_and_figures_only(data_dir)
    db = tmp_path / "store.duckdb"
    build_store(db, data_dir)
    source = DataSource(db)
    assert ("CD-2024", "Dialogues 2024") in source.options()["series"]
    assert {"CD-2024-A", "CD-2024-B"} <= {v for v, _ in source.options()["sessions"]}
    figures = source.published_vs_recorded(Filters(series=("CD-2024",)))
    assert figures[["figure_id", "published", "recorded", "recorded_as"]].values.tolist() == [
        ["G2024-1", 20, 0, "organizations"]  # no rule: its unit, every sector and role
    ]
    assert (2024, "2024") in source.options()["years"]
    # the page: the filter offers the series, the published figures card lists its figure
    app = create_app(source=source, staff=False)
    assert "CD-2024" in app.state.param["series"].objects
    app.state.series = ["CD-2024"]
    card = app.views["published_vs_recorded"]
    card.__panel__().get_root()
    assert card.table.value[["Figure", "Sessions", "Published", "Recorded"]].values.tolist() == [
        ["G2024-1", "CD-2024-A", "over 20 organizations", "0 organizations"]
    ]


def test_series_new_writes_a_folder_that_builds_and_refuses_an_existing_one(data_dir, capsys):
    assert main(["series", "new", "2030", "--data", str(data_dir)]) == 0
    assert "series.csv" in capsys.readouterr().out
    folder = data_dir / "series" / "2030"
    expected = {"series.csv", "figure_rules.csv"} | {
        f"{stem}_2030.csv" for stem in ("meetings", "topics", "people", "published_figures")
    }
    assert {p.name for p in folder.iterdir()} == expected
    for stem, columns in (REQUIRED_FILES | OPTIONAL_FILES).items():
        [path] = folder.glob(f"{stem}*.csv")
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(columns) and len(lines) == 2, path.name
    db = data_dir / "store.duckdb"
    build_store(db, data_dir)
    with connect(db) as con:
        assert con.execute(
            "SELECT session_id, short_title FROM sessions WHERE series_id = 'CD-2030'"
        ).fetchall() == [("CD-2030-01", "Firearms")]
        assert con.execute(
            "SELECT count(*) FROM published_figures WHERE figure_id = 'F2030-01'"
        ).fetchone() == (1,)
    before = (folder / "series.csv").read_text(encoding="utf-8")
    assert main(["series", "new", "2030", "--data", str(data_dir)]) == 2
    assert "already there" in capsys.readouterr().err
    assert (folder / "series.csv").read_text(encoding="utf-8") == before


def test_a_missing_required_file_names_it(data_dir, tmp_path):
    (data_dir / "series" / "2031").mkdir()
    write(data_dir / "series/2031/series.csv", "series_id,title,year\nCD-2031,D,2031\n")
    with pytest.raises(Exception, match=r"meetings\*\.csv"):
        build_store(tmp_path / "s.duckdb", data_dir)


def test_a_new_user_adds_a_series_loads_and_manages_imports_from_the_shell(data_dir, tmp_path):
    """From the command line, as staff would: new series, build, load, list, rebuild,
    replace, remove; each command's exit status and words, and what the store holds."""
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "DIALOGUES_DATA_DIR": str(data_dir),
        "DIALOGUES_DB": str(tmp_path / "dialogues.duckdb"),
    }

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["dialogues", *args], env=env, capture_output=True, text=True, timeout=300
        )

    assert run("key", "new").returncode == 0
    assert run("series", "new", "2032").returncode == 0
    assert run("build").returncode == 0
    registrations = tmp_path / "registrations.csv"
    text = (FIXTURES / "template_participation.csv").read_text(encoding="utf-8")
    registrations.write_text(text.replace("CD-2022-FA", "CD-2032-01"), encoding="utf-8")
    loaded = run("ingest", str(registrations), "--session", "CD-2032-01")
    assert loaded.returncode == 0, loaded.stderr
    listed = run("imports")
    assert "registrations.csv" in listed.stdout and "CD-2032-01" in listed.stdout
    rebuilt = run("build")
    assert rebuilt.returncode == 0 and "kept 1 loaded import" in rebuilt.stdout
    registrations.write_text(text.replace("CD-2022-FA", "CD-2032-01").replace("Amina", "Aminata"))
    replaced = run("ingest", str(registrations), "--session", "CD-2032-01", "--replace")
    assert replaced.returncode == 0 and "replaces import 2" in replaced.stdout
    [row] = json.loads(run("imports", "--json").stdout)
    assert row["file_name"] == "registrations.csv" and row["import_id"] == 3
    removed = run("imports", "remove", "3")
    assert removed.returncode == 0 and "Removed import 3" in removed.stdout
    assert "No loaded imports" in run("imports").stdout
    refused = run("imports", "remove", "3")
    assert refused.returncode == 2 and "no loaded import 3" in refused.stderr
