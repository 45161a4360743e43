"""Leaf helpers any layer may use: atomic file writes and text checks. Imports: errors only."""
