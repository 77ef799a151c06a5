"""Text, matching, rubrics, checks and the scorer, and the plain-text feedback of a result."""
