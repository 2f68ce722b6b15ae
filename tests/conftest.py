"""A small valid dataset, written to a temporary folder, that each test can break in one way."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SOURCES = """source_id,publisher,title,published,accessed,url,language,note,outlet
s1,TTXVN,Bài viết một,2025-09-16,2026-11-23,https://example.org/a,vi,,national
s2,WIPO,Global Innovation Index 2024,2024-09-26,2026-11-23,,en,,producer
"""
INDICATORS = """indicator_id,pillar,name_vi,name_en,unit,unit_vi,kind,higher_is_better,role,note,upper_bound,breaks,comparable,breaks_source,release_months,release_covers,score_for
gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,,,,,
fdi_share,economy,Tỷ lệ,Share,%,%,share,true,target,,,,,,,,
relations,politics_security,Quan hệ,Relations,countries,quốc gia,count,true,target,,,,,,,,
"""
TARGETS = """target_id,indicator_id,comparator,target_value,target_year,instrument,source_id,wording_vi,wording_en,note,clause,target_type,period_start
t_gii,gii_rank,<=,40,2030,153/NQ-CP,s1,từ thứ 40 trở lên,40th or better,,,,
t_share,fdi_share,>,21,2030,153/NQ-CP,s1,trên 21%,more than 21 %,,,,
t_rel,relations,>,194,2030,153/NQ-CP,s1,trên 194 quốc gia,more than 194,,,,
"""
OBSERVATIONS = """indicator_id,period,value,source_id,locator,status,selected,note,qualifier,partial,producer,proxy,grade,out_of
gii_rank,2019,61,s2,ranks 61st,final,true,,,false,WIPO,false,A,
gii_rank,2021,55,s2,ranks 55th,final,true,,,false,WIPO,false,A,
gii_rank,2023,50,s2,ranks 50th,final,true,,,false,WIPO,false,A,
fdi_share,2020,18.5,s1,18.5%,estimate,true,,,false,General Statistics Office,false,B,
fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false,B,
relations,2025-09-16,194,s1,194 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,
"""
# The national plan's [plan] and [instruments] (data/plan.toml), so that the small dataset reads as before.
PLAN = """[plan]
scope = "country"
short_name = "vn-integration"
name = { vi = "Việt Nam", en = "Viet Nam" }
title.vi = "Hội nhập quốc tế của Việt Nam: khoảng cách đến mục tiêu năm 2030"
title.en = "Viet Nam's international integration: the gap to the 2030 targets"
subtitle.vi = "Theo dõi các chỉ tiêu của Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới và Nghị quyết số 153/NQ-CP ngày 31/5/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 59-NQ/TW"
subtitle.en = "Tracking the targets of the Politburo's Resolution No. 59-NQ/TW of 24 January 2025 on international integration in the new situation and the Government's Resolution No. 153/NQ-CP of 31 May 2025 issuing its Action Programme to implement Resolution No. 59-NQ/TW"

[instruments."59-NQ/TW"]
name.vi = "Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới"
name.en = "Resolution No. 59-NQ/TW of 24 January 2025 of the Politburo on international integration in the new situation"
short = { vi = "Nghị quyết số 59-NQ/TW", en = "Resolution No. 59-NQ/TW" }
date = 2025-01-24

[instruments."153/NQ-CP"]
name.vi = "Nghị quyết số 153/NQ-CP ngày 31/5/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW"
name.en = "Resolution No. 153/NQ-CP of 31 May 2025 of the Government issuing the Government's Action Programme to implement Resolution No. 59-NQ/TW"
short = { vi = "Nghị quyết số 153/NQ-CP", en = "Resolution No. 153/NQ-CP" }
date = 2025-05-31
targets_total = 22
programme = { vi = "Chương trình hành động của Chính phủ", en = "the Government's Action Programme" }
programme_short = { vi = "Chương trình hành động", en = "the Action Programme" }
"""
FILES = {"sources.csv": SOURCES, "indicators.csv": INDICATORS, "targets.csv": TARGETS,
         "observations.csv": OBSERVATIONS, "plan.toml": PLAN}


def write_dataset(folder: Path, **replace: str) -> Path:
    """Write the valid dataset to folder; keyword arguments replace whole files (name without .csv or .toml)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(replace.get(name.split(".")[0], text), encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def real_data_copy(tmp_path: Path) -> Path:
    from analysis import config

    dst = tmp_path / "real-data"
    shutil.copytree(config.DATA_DIR, dst)
    return dst
