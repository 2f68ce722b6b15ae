"""A plan's targets (data/plan.toml names the plan and its instruments): curated data, progress engine, gap report."""

__version__ = "0.6.1"
