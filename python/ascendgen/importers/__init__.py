"""Converters from other kernel benchmarks' layouts to ascendgen tasks (docs/npukernelbench.md)."""
