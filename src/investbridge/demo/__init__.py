"""The demonstration data: `data/` holds the story, `loader.py` loads it through the domains' services."""
