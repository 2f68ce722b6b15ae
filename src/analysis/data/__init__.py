"""The data: the four CSV files read against their contract and checked, the data log, the plan file, the
Vietnamese translations of quotations and notes, the default edition, and the intake workbook and its import."""
