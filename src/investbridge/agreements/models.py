"""Models of the agreements domain."""
