"""Outputs for people away from the terminal: the static site and work-group robots."""
