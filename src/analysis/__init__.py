"""Vietnam's international-integration targets: curated data, progress engine, gap report."""

__version__ = "0.3.0"
