"""Hostile inputs: what a careless or malicious user can feed splitcalc, by root cause."""
