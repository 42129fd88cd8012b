"""The statistics engine: a pure engine (no Django import) over DuckDB."""
