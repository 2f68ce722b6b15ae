"""The editions: the bundle of numbers and texts every output reads, and the outputs themselves (PDF, workbook,
charts, the notebooks' views, slides), built per language by pipeline.py."""
