"""Models of the events domain."""
