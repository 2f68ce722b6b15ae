"""The build works the data set and its numbers out once and hands them to each edition's notebook."""
from __future__ import annotations

import pickle

from analysis import config
from analysis.data.dataset import load
from analysis.engine.scorecards import edition_numbers, scorecards


def test_a_notebook_in_a_build_gets_the_checked_data_set_not_the_files_read_again(data_dir, tmp_path, monkeypatch):
    ds = load(data_dir)
    edition_numbers(ds, 2025)
    handed = tmp_path / "checked-data.pickle"
    handed.write_bytes(pickle.dumps(ds))
    # The files change after the build checked them: the notebook still assesses what was checked.
    obs = data_dir / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace("gii_rank,2023,50,", "gii_rank,2023,70,"), encoding="utf-8")
    monkeypatch.setenv(config.CHECKED_DATA_ENV, str(handed))
    got = load(data_dir)
    assert got.observations.loc[got.observations["period"] == "2023", "value"].tolist() == [50.0]
    row = scorecards(got, 2025).set_index("target_id").loc["t_gii"]
    assert (row["latest_year"], row["latest_value"]) == (2023, 50.0)


def test_another_data_folder_or_no_build_reads_the_files(data_dir, tmp_path, monkeypatch):
    ds = load(data_dir)
    handed = tmp_path / "checked-data.pickle"
    handed.write_bytes(pickle.dumps(ds))
    other = tmp_path / "other"
    other.mkdir()
    for f in data_dir.iterdir():
        (other / f.name).write_text(f.read_text(encoding="utf-8").replace("gii_rank,2023,50,", "gii_rank,2023,70,"),
                                    encoding="utf-8")
    monkeypatch.setenv(config.CHECKED_DATA_ENV, str(handed))
    assert load(other).observations.loc[lambda o: o["period"] == "2023", "value"].tolist() == [70.0]
    monkeypatch.setenv(config.CHECKED_DATA_ENV, str(tmp_path / "missing.pickle"))
    assert load(other).observations.loc[lambda o: o["period"] == "2023", "value"].tolist() == [70.0]


def test_a_caller_changing_its_scorecard_does_not_change_the_next_caller_s(data_dir):
    ds = load(data_dir)
    first = scorecards(ds, 2025)
    status = first.set_index("target_id").loc["t_gii", "status"]
    first["status"] = "changed by a caller"
    first.drop(first.index, inplace=True)
    again = scorecards(ds, 2025)
    assert len(again) == 3
    assert again.set_index("target_id").loc["t_gii", "status"] == status != "changed by a caller"
