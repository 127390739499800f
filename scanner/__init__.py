"""Scanner: sources (files, databases), the engine, reporters and the CLI."""
