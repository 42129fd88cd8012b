"""Models of the region domain."""
