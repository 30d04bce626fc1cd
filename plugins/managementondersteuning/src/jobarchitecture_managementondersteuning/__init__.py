"""Data-only plugin: the family is in family.toml beside this file."""
