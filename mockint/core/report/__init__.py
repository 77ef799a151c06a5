"""Reports over stored sessions: one session as HTML, Markdown or JSON, progress across sessions, a role-play call."""
