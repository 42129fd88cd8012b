"""Models of the matchmaking domain."""
