"""Helpers of scripts/bench.py: sites to build, what a page downloads, Lighthouse, the report."""
