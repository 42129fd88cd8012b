"""Models of the statistics domain."""
