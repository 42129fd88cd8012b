"""The web layer has no models of its own."""
