"""Models of the pipeline domain."""
