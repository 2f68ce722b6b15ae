"""Rule 14: a row's grade follows from its source's outlet, the same way for every row. Small hand-made files:
the conftest dataset, whose sources.csv has an `outlet` column (s1 = TTXVN, a national outlet; s2 = WIPO,
the producer of the GII ranks)."""
from __future__ import annotations

from pathlib import Path

from analysis.data.dataset import load
from conftest import OBSERVATIONS, SOURCES, named

SOURCES_WITH_OUTLET = SOURCES  # s1 national, s2 producer
# s2 is WIPO's own publication and every GII row's producer is WIPO: A.
OBS_A = OBSERVATIONS
assert ",WIPO,false,A," in OBS_A


def grade_errors(folder: Path) -> list[tuple[str, int, str, str]]:
    return [(Path(p.file).name, p.line, p.column, p.message) for p in load(folder).errors]


def write(data_dir: Path, sources: str = SOURCES_WITH_OUTLET, observations: str = OBS_A) -> Path:
    (data_dir / "sources.csv").write_text(sources, encoding="utf-8")
    named(data_dir)
    (data_dir / "observations.csv").write_text(observations, encoding="utf-8")
    named(data_dir)
    return data_dir


def test_grades_that_follow_the_outlet_pass(data_dir):
    # s2 (producer, WIPO rows) gives A; s1 (national, producers named) gives B.
    assert grade_errors(write(data_dir)) == []


def test_a_grade_the_outlet_does_not_give_is_an_error_at_its_line(data_dir):
    # Line 2 is the first GII row, read at WIPO itself: the outlet gives A, the file says B.
    obs = OBS_A.replace("gii_rank,2019,61,s2,ranks 61st,final,true,,,false,WIPO,false,A,",
                        "gii_rank,2019,61,s2,ranks 61st,final,true,,,false,WIPO,false,B,")
    assert grade_errors(write(data_dir, observations=obs)) == [
        ("observations.csv", 2, "grade", "B given, but the outlet gives A: the source is the producer's own "
                                         "publication (WIPO) (source 's2', outlet=producer)")]


def test_a_producer_site_relaying_another_bodys_figure_gives_c(data_dir):
    # Line 4: GII 2023 on WIPO's page (s2), but the row names Cornell as producer: the publisher is not the
    # producer, so neither A nor (not a national outlet) B.
    obs = OBS_A.replace("ranks 50th,final,true,,,false,WIPO,false,A,", "ranks 50th,final,true,,,false,Cornell,false,A,")
    assert grade_errors(write(data_dir, observations=obs)) == [
        ("observations.csv", 4, "grade", "A given, but the outlet gives C: outlet=producer but the publisher (WIPO) "
                                         "is not the row's producer (Cornell) (source 's2', outlet=producer)")]


def test_a_national_outlet_gives_b_never_a(data_dir):
    # Line 7: a Foreign Ministry count read in the news agency (s1): B, not A.
    obs = OBS_A.replace("Ministry of Foreign Affairs,false,B,", "Ministry of Foreign Affairs,false,A,")
    errors = grade_errors(write(data_dir, observations=obs))
    assert [(f, line, col) for f, line, col, _ in errors] == [("observations.csv", 7, "grade")]
    assert errors[0][3].startswith("A given, but the outlet gives B: the source is a national outlet that names")


def test_an_unnamed_producer_or_a_lost_locator_gives_c(data_dir):
    # Line 5: producer not named by the source; line 6: the note says the locator could not be found again;
    # line 7: the note says the page does not name the producer. All three read in a national outlet: C.
    obs = (OBS_A.replace("fdi_share,2020,18.5,s1,18.5%,estimate,true,,,false,General Statistics Office,false,B,",
                         "fdi_share,2020,18.5,s1,18.5%,estimate,true,,,false,not named by the source,false,C,")
           .replace("fdi_share,2024,19.5,s1,19.5%,final,true,,",
                    "fdi_share,2024,19.5,s1,19.5%,final,true,The locator could not be found again.,")
           .replace("relations,2025-09-16,194,s1,194 quốc gia,final,true,,",
                    "relations,2025-09-16,194,s1,194 quốc gia,final,true,Producer not named on the page.,"))
    errors = grade_errors(write(data_dir, observations=obs))
    # 5 is already C; 6 and 7 still say B.
    assert [(line, col) for _, line, col, _ in errors] == [(6, "grade"), (7, "grade")]
    assert "could not be found again" in errors[0][3] and "not named on the page" in errors[1][3]
    fixed = obs.replace("found again.,,false,General Statistics Office,false,B,",
                        "found again.,,false,General Statistics Office,false,C,") \
               .replace("on the page.,,false,Ministry of Foreign Affairs,false,B,",
                        "on the page.,,false,Ministry of Foreign Affairs,false,C,")
    assert grade_errors(write(data_dir, observations=fixed)) == []


def test_a_figure_from_a_personal_repository_is_never_selected(data_dir):
    sources = SOURCES_WITH_OUTLET + "s3,GitHub: someone/repo,copy of a database,2026-09,2026-11-23,,en,,personal,\n"
    obs = OBS_A + "gii_rank,2025,58,s3,58.0,final,true,,,false,WIPO,false,C,\n"
    assert grade_errors(write(data_dir, sources, obs)) == [
        ("observations.csv", 8, "selected", "a figure read only on a personal page or repository (source 's3') is a "
                                             "lead, not a source; set selected=false and say so in the note")]
    # Unselected, with its reason, it stays as a lead; a personal outlet gives C whatever the row says.
    kept = OBS_A + "gii_rank,2025,58,s3,58.0,final,false,Not selected: a lead.,,false,WIPO,false,C,\n"
    assert grade_errors(write(data_dir, sources, kept)) == []
    wrong = kept.replace("a lead.,,false,WIPO,false,C,", "a lead.,,false,WIPO,false,B,")
    assert [(line, col) for _, line, col, _ in grade_errors(write(data_dir, sources, wrong))] == [(8, "grade")]


def test_an_overseas_or_repost_outlet_gives_c(data_dir):
    for outlet in ("overseas", "repost", "other"):
        sources = SOURCES_WITH_OUTLET.replace("vi,,national,\n", f"vi,,{outlet},\n")
        errors = grade_errors(write(data_dir, sources))
        # s1 is cited on lines 5, 6, 7, all graded B in the file.
        assert [(line, col) for _, line, col, _ in errors] == [(5, "grade"), (6, "grade"), (7, "grade")], outlet
        assert errors[0][3] == (f"B given, but the outlet gives C: the source's outlet is '{outlet}' "
                                f"(source 's1', outlet={outlet})")


def test_a_cited_source_without_an_outlet_is_located(data_dir):
    sources = SOURCES_WITH_OUTLET.replace("vi,,national,\n", "vi,,,\n")
    errors = grade_errors(write(data_dir, sources))
    assert [(f, line, col) for f, line, col, _ in errors] == [("sources.csv", 2, "outlet")]


def test_an_older_sources_file_without_outlets_skips_the_check(data_dir):
    # No outlet column (an older file), WIPO rows graded B: nothing to derive the grade from.
    old = "\n".join(line.rsplit(",", 2)[0] for line in SOURCES.splitlines()) + "\n"  # without outlet, title_wrong
    obs = OBSERVATIONS.replace(",WIPO,false,A,", ",WIPO,false,B,")
    assert grade_errors(write(data_dir, old, obs)) == []
