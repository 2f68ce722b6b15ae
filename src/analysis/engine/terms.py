"""The engine's vocabulary: the statuses, the marks (flags), the indicator kinds and comparators it accepts,
and the columns of the scorecard and of the alternatives table it returns (docs/methodology.md)."""

from __future__ import annotations

STATUSES = (
    "achieved",
    "on_track",
    "moderate_progress",
    "insufficient_progress",
    "moving_away",
    "missed",
    "insufficient_data",
    "no_data",
)  # the order a reader meets them
# Flags in the order the `flags` column joins them (rules 11-12, then 13, 14 and 17).
FLAGS = ("low_evidence", "rank_noise", "target_lost", "source_sensitive", "proxy",
         "weak_source", "not_comparable", "floor_only", "met_before_set", "at_threshold", "method_break",
         "missing_years", "no_base")
KINDS = ("rank", "share", "count", "amount", "index")
COMPARATORS = (">", ">=", "<", "<=")

SCORECARD_COLUMNS = [
    "target_id",
    "indicator_id",
    "comparator",
    "target_value",
    "target_year",
    "window_start",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "latest_qualifier",
    "n_points",
    "gap",
    "pace_actual",
    "pace_required",
    "pace_required_now",
    "projected_value",
    "ratio",
    "cagr_ratio",
    "status",
    "flags",
    "target_effective",
    "needed_next_year",
    "needed_next_value",
    "upper_bound",
    "projection_bounded",
    "achieved_since",
    "latest_grade",
    "baseline_grade",
    "latest_out_of",
    "baseline_out_of",
    # Targets that are not levels (rules C1-C6, G1-G4): empty for a level target.
    "target_type",
    "period_start",
    "total_so_far",
    "total_projected",
    "flow_required",
    "growth_actual",
    "implied_level",
    "missing_years",
]


ALTERNATIVE_COLUMNS = [
    "target_id",
    "indicator_id",
    "window_start",
    "status",
    "alt_status",
    "period",
    "value",
    "qualifier",
    "source_id",
    "producer",
    "proxy",
    "replaces_period",
    "replaces_value",
    "row",
]
