"""The workbook's texts as one flat mapping per language (key → string), from the catalogs.

The workbook's own words are the `[workbook]` section of locales/<lang>.toml; status, pillar, flag
and observation-status names are the report's own, so every output names them alike.
"""
from __future__ import annotations

from .. import i18n


def texts(lang: str, plan=None) -> dict[str, str]:
    """Every text the workbook shows in `lang`, as one flat mapping; its title is the plan's (plan.toml)."""
    i18n.check_lang(lang)
    out = dict(i18n.catalog(lang)["workbook"])
    out.update(i18n.catalog(lang)["workbook_annex"])  # the leads sheet
    if plan is not None:
        out["about.title"] = out["about.title"].format(title=plan.title[lang])
    out.update({f"status.{k}": v for k, v in i18n.STATUS_NAMES[lang].items()})
    out["status.proxy"] = out["history.proxy_cell"]  # a history year assessed on a proxy (pdf.proxy_years)
    out.update({f"pillar.{k}": v for k, v in i18n.PILLAR_NAMES[lang].items()})
    out.update({f"flag.{k}": v for k, v in i18n.FLAG_NAMES[lang].items()})
    out.update({f"target_type.{k}": v for k, v in i18n.catalog(lang)["target_type"].items()})
    out.update({f"obs_status.{k}": v for k, v in i18n.OBS_STATUS[lang].items()})
    cur = i18n.catalog(lang)["currency"]  # rule 19: the data cut-off and the releases due
    out.update({"about.data_cutoff": cur["workbook_cutoff"], "about.due": cur["workbook_due"],
                "col.release_due": cur["workbook_due"], "col.release_due_month": cur["workbook_due_month"]})
    return out
