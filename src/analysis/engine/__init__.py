"""The progress-to-target rules of docs/methodology.md: each target's status and figures as of a year, its
status history, the releases due, and what changed since an earlier edition. No words: the editions say it."""
