"""Drafting knowledge-base files from an article: its facts, zones and YAML."""
