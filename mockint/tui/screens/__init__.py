"""Screens of the interview TUI: start, readiness, interview, feedback, summary, help, confirm."""
