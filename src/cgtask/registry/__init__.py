"""Reading, locating, validating and caching registry files."""
