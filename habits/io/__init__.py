"""File formats: export and import."""
