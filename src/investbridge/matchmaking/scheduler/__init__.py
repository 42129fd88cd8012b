"""The meeting scheduler: a pure engine (no Django import) built on OR-Tools CP-SAT."""
