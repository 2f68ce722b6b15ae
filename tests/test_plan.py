"""data/plan.toml [front_matter]: optional, per edition, and every mistake named with file, line and key."""
from __future__ import annotations

from analysis import config
from analysis.data import plan
from analysis.data.dataset import load
from conftest import PLAN, write_dataset

FULL = """\
[front_matter]
issuing_body = { vi = "BỘ NGOẠI GIAO", en = "MINISTRY OF FOREIGN AFFAIRS" }
issuing_unit = { vi = "VỤ THỬ NGHIỆM", en = "TEST DEPARTMENT" }
number = "123/BC-TN"
place = { vi = "Hà Nội", en = "Ha Noi" }
addressee.vi = ["Ban Chỉ đạo quốc gia về hội nhập quốc tế;", "Lưu: VT."]
addressee.en = ["National Steering Committee on International Integration;", "Archived."]
signatory_title = { vi = "VỤ TRƯỞNG", en = "DIRECTOR GENERAL" }
signatory_name = "Nguyễn Văn Thử"
attachment_to.vi = "Phụ lục kèm theo Công văn số 45/BNG-TN"
attachment_to.en = "Annex to Official Letter No. 45/BNG-TN"
"""


def test_the_shipped_file_sets_nothing_and_an_absent_file_is_no_error(tmp_path):
    assert plan.read(config.DATA_DIR) == ({}, [])  # every key commented out
    assert plan.read(tmp_path) == ({}, [])


def test_one_value_serves_both_editions_and_a_table_gives_one_per_edition(tmp_path):
    (tmp_path / "plan.toml").write_text(FULL, encoding="utf-8")
    fm, problems = plan.read(tmp_path, ("vi", "en"))
    assert problems == []
    assert fm["vi"]["number"] == fm["en"]["number"] == "123/BC-TN"
    assert fm["vi"]["issuing_unit"] == "VỤ THỬ NGHIỆM" and fm["en"]["issuing_unit"] == "TEST DEPARTMENT"
    assert fm["vi"]["addressee"] == ["Ban Chỉ đạo quốc gia về hội nhập quốc tế;", "Lưu: VT."]
    assert fm["en"]["signatory_name"] == "Nguyễn Văn Thử"


def test_an_unknown_key_is_named_with_its_line(tmp_path):
    # line 1 comment, 2 table, 3 number, 4 the misspelt key
    (tmp_path / "plan.toml").write_text('# x\n[front_matter]\nnumber = "1/BC"\nsignatory = "A"\n', encoding="utf-8")
    fm, problems = plan.read(tmp_path, ("vi", "en"))
    assert [(p.file, p.line, p.column, p.level) for p in problems] == [
        (str(tmp_path / "plan.toml"), 4, "front_matter.signatory", "error")]
    assert "unknown key" in problems[0].message and "signatory_name" in problems[0].message


def test_malformed_toml_is_named_with_its_line(tmp_path):
    # line 3 lacks its closing quote
    (tmp_path / "plan.toml").write_text('[front_matter]\nnumber = "1/BC"\nplace = "Hà Nội\n', encoding="utf-8")
    fm, problems = plan.read(tmp_path, ("vi", "en"))
    assert fm == {} and len(problems) == 1
    assert (problems[0].file, problems[0].line, problems[0].level) == (str(tmp_path / "plan.toml"), 3, "error")
    assert str(problems[0]).startswith(f"{tmp_path / 'plan.toml'}:3:")


def test_a_value_for_one_edition_only_or_of_the_wrong_kind_is_an_error(tmp_path):
    (tmp_path / "plan.toml").write_text('[front_matter]\nplace = { vi = "Hà Nội" }\naddressee = "Ban Chỉ đạo"\n'
                                        'number = { vi = "1", fr = "1" }\n', encoding="utf-8")
    _, problems = plan.read(tmp_path, ("vi", "en"))
    assert [(p.line, p.column) for p in problems] == [
        (2, "front_matter.place"), (3, "front_matter.addressee"), (4, "front_matter.number")]
    assert "no value for en" in problems[0].message
    assert "list of strings" in problems[1].message
    assert "fr" in problems[2].message


def test_the_data_check_stops_on_a_bad_plan_file(tmp_path):
    data = write_dataset(tmp_path / "data")
    # the plan's own tables, a blank line, [front_matter], then the misspelt key
    (data / "plan.toml").write_text(PLAN + '\n[front_matter]\nnumbr = "1/BC"\n', encoding="utf-8")
    ds = load(data)
    line = len(PLAN.splitlines()) + 3
    assert [str(p) for p in ds.errors] == [
        f"{data / 'plan.toml'}:{line}: front_matter.numbr: unknown key; known keys: " + ", ".join(plan.KEYS)]
    assert ds.front_matter == {}


def test_a_table_this_file_does_not_read_is_a_warning_on_its_line(tmp_path):
    # line 1 [front_matter], 2 number, 3 blank, 4 the other table: left to whatever reads it
    (tmp_path / "plan.toml").write_text('[front_matter]\nnumber = "1/BC"\n\n[scope]\nyears = 5\n', encoding="utf-8")
    fm, problems = plan.read(tmp_path, ("vi", "en"))
    assert fm["vi"] == {"number": "1/BC"}
    assert [(p.line, p.column, p.level) for p in problems] == [(4, "scope", "warning")]
