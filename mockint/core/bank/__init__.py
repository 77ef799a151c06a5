"""Banks as the user has them: loading the built-in and user banks, authoring, lint, self-check, transcripts."""
